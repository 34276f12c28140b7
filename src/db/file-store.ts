import type { S3Client } from "@aws-sdk/client-s3";

// Where an attachment's bytes live (docs/decisions/0009-attachment-storage.md): in its row, or
// in an S3-compatible store under a key the row records. Reading goes by what the row says, so
// files stored before a change of setting are still served.

/** The columns of an attachment row that say where its bytes are. */
export interface FilePlace {
  storage: string;
  storageKey: string | null;
  content: Uint8Array | null;
}

export interface FileStore {
  /** "s3" when new files go to the S3-compatible store, else "database". */
  readonly kind: "database" | "s3";
  /** Stores the bytes (nothing, for the database: the row carries them) and says where. */
  put(key: string, bytes: Buffer, contentType: string): Promise<FilePlace>;
  read(place: FilePlace): Promise<Buffer>;
  /** Removes bytes stored elsewhere whose row was never committed; the row's own go with it. */
  discard(place: FilePlace): Promise<void>;
}

/** Structurally the S3 settings of src/config.ts. */
export interface S3Options {
  bucket: string;
  endpoint: string | undefined;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  pathStyle: boolean;
}

const inRow = (content: Uint8Array): Buffer =>
  Buffer.from(content.buffer, content.byteOffset, content.byteLength);

export function openFileStore(s3: S3Options | undefined): FileStore {
  const remote = s3 ? s3Bucket(s3) : undefined;
  return {
    kind: remote ? "s3" : "database",
    put: async (key, bytes, contentType) => {
      if (!remote) return { storage: "database", storageKey: null, content: bytes };
      await remote.put(key, bytes, contentType);
      return { storage: "s3", storageKey: key, content: null };
    },
    read: async (place) => {
      if (place.storage === "database" && place.content) return inRow(place.content);
      if (place.storage === "s3" && place.storageKey) {
        if (!remote)
          throw new Error("This file is kept in S3, but no BATON_S3_BUCKET is configured");
        return remote.get(place.storageKey);
      }
      throw new Error(`Unknown attachment storage ${place.storage}`);
    },
    discard: async (place) => {
      if (place.storage === "s3" && place.storageKey && remote)
        await remote.remove(place.storageKey);
    },
  };
}

/**
 * The bucket, through the AWS SDK loaded on first use: a server that keeps files in the
 * database never loads it.
 */
function s3Bucket(options: S3Options) {
  let client: Promise<{ sdk: typeof import("@aws-sdk/client-s3"); s3: S3Client }> | undefined;
  const connect = () => {
    client ??= import("@aws-sdk/client-s3").then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        region: options.region,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        forcePathStyle: options.pathStyle,
        credentials: {
          accessKeyId: options.accessKeyId,
          secretAccessKey: options.secretAccessKey,
        },
        // Checksums only where S3 requires them: many S3-compatible stores refuse the newer
        // checksum headers the SDK would otherwise add to every upload.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      }),
    }));
    return client;
  };
  const Bucket = options.bucket;
  return {
    put: async (Key: string, Body: Buffer, ContentType: string) => {
      const { sdk, s3 } = await connect();
      await s3.send(new sdk.PutObjectCommand({ Bucket, Key, Body, ContentType }));
    },
    get: async (Key: string) => {
      const { sdk, s3 } = await connect();
      const got = await s3.send(new sdk.GetObjectCommand({ Bucket, Key }));
      if (!got.Body) throw new Error(`S3 returned no body for ${Key}`);
      return Buffer.from(await got.Body.transformToByteArray());
    },
    remove: async (Key: string) => {
      const { sdk, s3 } = await connect();
      await s3.send(new sdk.DeleteObjectCommand({ Bucket, Key }));
    },
  };
}
