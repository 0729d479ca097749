/** A backup's check of its copy found damage: the database it was made from is damaged (the copy is not kept). */
export class DamagedSource extends Error {}
