/**
 * Deterministic training images: a head-and-shoulders portrait and a handwriting-like signature, as SVG text.
 * Applicant text is never written into the SVG (only numbers derived from it), so hostile names cannot inject markup.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { Rng, hashString } from './rng';

/** SHA-256 of the UTF-8 bytes of a string, as lower-case hex; the same in Node and in the browser. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

const BACKGROUNDS = ['#eef1f4', '#e6edf5', '#f4f1ea', '#e9eef0', '#f2f2f2', '#e3eaf2'] as const;
const SKIN = ['#f1d3bd', '#e8c1a0', '#d9a97f', '#c68e63', '#f6dcc8', '#deb592', '#b97d55'] as const;
const HAIR = ['#2b1d14', '#4a3222', '#6b4a2e', '#8c6239', '#b88a4a', '#d8b878', '#3b3b3b', '#8e8e8e', '#c9c9c9', '#1a1a1a'] as const;
const CLOTHES = ['#2d3e50', '#34495e', '#1f3a5f', '#4b5563', '#5b3a29', '#264653', '#6d2e46', '#2f4f2f', '#3c3c58', '#101820'] as const;
const EYES = ['#3b2a1a', '#2f4a6d', '#4d6b3c', '#5a4632', '#1f1f1f'] as const;

/** Coordinates are whole units: integer formatting is several times cheaper than decimals, and 1/300 is fine. */
const f = (n: number): string => String(Math.round(n));

// The fixed parts of the portrait, built once; only numbers and colours change per applicant.
const PHOTO_OPEN =
  '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="400" viewBox="0 0 300 400" role="img" aria-label="Навчальне фото">';
const PHOTO_CLOSE =
  '<text x="150" y="392" font-family="sans-serif" font-size="11" text-anchor="middle" fill="#ffffff" fill-opacity="0.55">НАВЧАЛЬНЕ ФОТО</text></svg>';

function hairPath(style: number, cx: number, top: number, rx: number, ry: number): string {
  const l = cx - rx - 4;
  const r = cx + rx + 4;
  const y0 = top + ry * 0.75;
  switch (style) {
    case 0: // short crop
      return `M${f(l)} ${f(y0)}C${f(l)} ${f(top - 18)} ${f(r)} ${f(top - 18)} ${f(r)} ${f(y0)}C${f(r - 12)} ${f(top + 18)} ${f(l + 12)} ${f(top + 18)} ${f(l)} ${f(y0)}Z`;
    case 1: // side parting
      return `M${f(l)} ${f(y0 + 10)}C${f(l - 6)} ${f(top - 24)} ${f(r + 8)} ${f(top - 20)} ${f(r)} ${f(y0 + 4)}C${f(r - 20)} ${f(top + 10)} ${f(cx - 10)} ${f(top + 26)} ${f(l + 6)} ${f(top + 40)}Z`;
    case 2: // long hair to the shoulders
      return `M${f(l - 10)} ${f(top + ry * 2.3)}C${f(l - 24)} ${f(top - 30)} ${f(r + 24)} ${f(top - 30)} ${f(r + 10)} ${f(top + ry * 2.3)}L${f(r - 8)} ${f(top + ry * 2.3)}C${f(r - 4)} ${f(top + 40)} ${f(l + 4)} ${f(top + 40)} ${f(l + 8)} ${f(top + ry * 2.3)}Z`;
    case 3: // receding
      return `M${f(l + 2)} ${f(y0 + 6)}C${f(l)} ${f(top + 10)} ${f(l + 20)} ${f(top + 2)} ${f(cx - 20)} ${f(top + 6)}L${f(l + 16)} ${f(y0)}ZM${f(r - 2)} ${f(y0 + 6)}C${f(r)} ${f(top + 10)} ${f(r - 20)} ${f(top + 2)} ${f(cx + 20)} ${f(top + 6)}L${f(r - 16)} ${f(y0)}Z`;
    default: // bob
      return `M${f(l - 6)} ${f(top + ry * 1.6)}C${f(l - 18)} ${f(top - 26)} ${f(r + 18)} ${f(top - 26)} ${f(r + 6)} ${f(top + ry * 1.6)}L${f(r - 6)} ${f(top + ry * 1.5)}C${f(r - 6)} ${f(top + 30)} ${f(l + 6)} ${f(top + 30)} ${f(l + 6)} ${f(top + ry * 1.5)}Z`;
  }
}

/** A deterministic head-and-shoulders portrait for a training application (about 2 KB of SVG). */
export function trainingPhotoSvg(applicationId: string): string {
  const rng = new Rng(hashString(applicationId, 0x9e3779b1));
  const bg = rng.pick(BACKGROUNDS);
  const skin = rng.pick(SKIN);
  const hair = rng.pick(HAIR);
  const cloth = rng.pick(CLOTHES);
  const eye = rng.pick(EYES);
  const style = rng.int(0, 4);
  const cx = 150 + rng.float(-6, 6);
  const cy = 168 + rng.float(-8, 8);
  const rx = rng.float(54, 66);
  const ry = rng.float(72, 84);
  const top = cy - ry;
  const shoulder = rng.float(105, 130);
  const neckW = rx * rng.float(0.42, 0.52);
  const chin = cy + ry;
  const eyeY = cy - ry * 0.08;
  const eyeDx = rx * 0.4;
  const browLift = rng.float(10, 16);
  const mouthY = cy + ry * 0.52;
  const smile = rng.float(-3, 6);
  const mouthW = rx * rng.float(0.28, 0.38);
  const collar = rng.chance(0.6);

  return (
    PHOTO_OPEN +
    `<rect width="300" height="400" fill="${bg}"/>` +
    `<path d="M${f(cx - shoulder - 40)} 400C${f(cx - shoulder - 30)} ${f(chin + 44)} ${f(cx - shoulder + 20)} ${f(chin + 22)} ${f(cx)} ${f(chin + 20)}C${f(cx + shoulder - 20)} ${f(chin + 22)} ${f(cx + shoulder + 30)} ${f(chin + 44)} ${f(cx + shoulder + 40)} 400Z" fill="${cloth}"/>` +
    `<path d="M${f(cx - neckW)} ${f(chin - 20)}L${f(cx - neckW)} ${f(chin + 24)}Q${f(cx)} ${f(chin + 44)} ${f(cx + neckW)} ${f(chin + 24)}L${f(cx + neckW)} ${f(chin - 20)}Z" fill="${skin}"/>` +
    (collar
      ? `<path d="M${f(cx - neckW - 14)} ${f(chin + 22)}L${f(cx)} ${f(chin + 64)}L${f(cx + neckW + 14)} ${f(chin + 22)}L${f(cx + neckW)} ${f(chin + 30)}L${f(cx)} ${f(chin + 46)}L${f(cx - neckW)} ${f(chin + 30)}Z" fill="#f7f7f7"/>`
      : '') +
    (style === 2 || style === 4 ? `<path d="${hairPath(style, cx, top, rx, ry)}" fill="${hair}"/>` : '') +
    `<ellipse cx="${f(cx - rx)}" cy="${f(eyeY + 8)}" rx="9" ry="15" fill="${skin}"/>` +
    `<ellipse cx="${f(cx + rx)}" cy="${f(eyeY + 8)}" rx="9" ry="15" fill="${skin}"/>` +
    `<ellipse cx="${f(cx)}" cy="${f(cy)}" rx="${f(rx)}" ry="${f(ry)}" fill="${skin}"/>` +
    // Long hair and bobs are drawn behind the head above, and still need a fringe over the crown.
    `<path d="${hairPath(style === 2 || style === 4 ? 1 : style, cx, top, rx, ry)}" fill="${hair}"/>` +
    `<path d="M${f(cx - eyeDx - 12)} ${f(eyeY - browLift)}q12 -5 24 0M${f(cx + eyeDx - 12)} ${f(eyeY - browLift)}q12 -5 24 0" stroke="${hair}" stroke-width="4" fill="none" stroke-linecap="round"/>` +
    `<ellipse cx="${f(cx - eyeDx)}" cy="${f(eyeY)}" rx="9" ry="5" fill="#ffffff"/>` +
    `<ellipse cx="${f(cx + eyeDx)}" cy="${f(eyeY)}" rx="9" ry="5" fill="#ffffff"/>` +
    `<circle cx="${f(cx - eyeDx)}" cy="${f(eyeY)}" r="3.6" fill="${eye}"/>` +
    `<circle cx="${f(cx + eyeDx)}" cy="${f(eyeY)}" r="3.6" fill="${eye}"/>` +
    `<path d="M${f(cx - 2)} ${f(eyeY + 8)}L${f(cx - 8)} ${f(mouthY - 20)}Q${f(cx)} ${f(mouthY - 14)} ${f(cx + 8)} ${f(mouthY - 20)}" stroke="#000000" stroke-opacity="0.25" stroke-width="2.5" fill="none" stroke-linecap="round"/>` +
    `<path d="M${f(cx - mouthW)} ${f(mouthY)}Q${f(cx)} ${f(mouthY + smile)} ${f(cx + mouthW)} ${f(mouthY)}" stroke="#9a4a45" stroke-width="4" fill="none" stroke-linecap="round"/>` +
    PHOTO_CLOSE
  );
}

const SIGNATURE_OPEN =
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120" viewBox="0 0 400 120" role="img" aria-label="Навчальний підпис"><path fill="none" stroke="#1b2a6b" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" d="';
const SIGNATURE_CLOSE = '"/></svg>';

/**
 * A deterministic handwriting-like signature: a capital loop, one wave per letter of the surname (3 to 12),
 * and a flourish underneath.
 */
export function trainingSignatureSvg(applicationId: string, surname: string): string {
  const rng = new Rng(hashString(surname.slice(0, 64), hashString(applicationId, 0x85ebca6b)));
  const letters = Math.min(12, Math.max(3, [...surname.slice(0, 64)].length));
  const slant = rng.float(4, 12);
  const base = rng.float(68, 80);
  let x = rng.float(24, 44);
  const capH = rng.float(40, 58);
  // Capital letter: a tall loop.
  let d = `M${f(x)} ${f(base)}C${f(x - 10)} ${f(base - capH)} ${f(x + 30 + slant)} ${f(base - capH - 8)} ${f(x + 18)} ${f(base - 10)}`;
  d += `C${f(x + 10)} ${f(base + 6)} ${f(x - 6)} ${f(base - 20)} ${f(x + 26)} ${f(base - 18)}`;
  x += 30;
  const step = Math.min(26, 300 / letters);
  for (let i = 0; i < letters; i++) {
    const h = rng.float(12, 34);
    const w = step * rng.float(0.7, 1.1);
    const loop = rng.chance(0.3);
    d += loop
      ? `C${f(x + slant)} ${f(base - h * 1.4)} ${f(x + w + slant)} ${f(base - h * 1.4)} ${f(x + w * 0.5)} ${f(base - 4)}S${f(x + w)} ${f(base + 4)} ${f(x + w)} ${f(base - 6)}`
      : `Q${f(x + w * 0.5 + slant)} ${f(base - h * 2)} ${f(x + w)} ${f(base - rng.float(0, 8))}`;
    x += w;
  }
  // Flourish: back under the name and out.
  const under = base + rng.float(10, 22);
  d += `C${f(x + 20)} ${f(base + 10)} ${f(x + 8)} ${f(under + 8)} ${f(x - 40)} ${f(under)}S${f(40)} ${f(under - 4)} ${f(rng.float(20, 60))} ${f(under + rng.float(-6, 6))}`;
  return SIGNATURE_OPEN + d + SIGNATURE_CLOSE;
}
