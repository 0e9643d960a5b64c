// The tables moved to shared/ so the central server's export writes the same sheets.
export * from '../../../../shared/reports/tables';
