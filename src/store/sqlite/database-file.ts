/** File name of the bot's database inside DATA_DIR (shared by the bot, its workers and the CLI). */
export const DATABASE_FILE = 'aigov.sqlite';
