/** The database's file name in the data folder; on its own so that a reader needs nothing else. */
export const DATABASE_FILE = 'keywarden.db';
