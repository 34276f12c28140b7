import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

export interface TestS3 {
  /** The BATON_S3_ settings that point Baton at it. */
  env: Record<string, string>;
  bucket: string;
  /** Where s3rver keeps a bucket's objects on disk. */
  directory: string;
  stop(): Promise<void>;
}

/** A real S3-compatible server (s3rver) on loopback, with one empty bucket. */
export async function startS3(): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), "baton-s3-"));
  const bucket = "baton-files";
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    env: {
      BATON_S3_BUCKET: bucket,
      BATON_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      BATON_S3_REGION: "us-east-1",
      BATON_S3_ACCESS_KEY_ID: "S3RVER",
      BATON_S3_SECRET_ACCESS_KEY: "S3RVER",
    },
    bucket,
    directory,
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
