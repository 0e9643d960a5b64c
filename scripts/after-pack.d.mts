/** Types of scripts/after-pack.mjs for the packaging test; electron-builder itself loads the JavaScript. */
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { executableName: string; appInfo: { productFilename: string } };
}
export type FuseConfig = Record<string | number, unknown>;
export declare function consoleFuses(platform: string, arch: string): FuseConfig;
export declare function electronBinaryPath(context: PackContext): string;
export declare function makeAfterPack(flipFuses: (binary: string, config: FuseConfig) => Promise<unknown>): (context: PackContext) => Promise<void>;
declare const afterPack: (context: PackContext) => Promise<void>;
export default afterPack;
