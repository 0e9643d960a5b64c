/** The deterministic training set (DESIGN.md, "Training mode"): centers, applications and their images. */
export { TRAINING_CENTER_ID, TRAINING_CENTER_IDS, isTrainingEnrolmentCode, trainingEnrolmentCode, type TrainingCenter } from './centers';
export { REFUSAL_REASON_CODES, type RefusalReasonCode } from './data';
export { generateApplications, generateTrainingSet, type TrainingSet, type TrainingSetOptions } from './generator';
export { sha256Hex, trainingPhotoSvg, trainingSignatureSvg } from './images';
