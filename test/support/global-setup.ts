export default function setup(): void {
  if (process.env.TEST_DATABASE_URL) {
    console.log(`Integration tests run on PGlite and on PostgreSQL (TEST_DATABASE_URL).`);
  } else {
    console.log(
      "\n*** PostgreSQL half SKIPPED: TEST_DATABASE_URL is not set, so integration tests run on " +
        "PGlite only. Set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to run both. ***\n",
    );
  }
}
