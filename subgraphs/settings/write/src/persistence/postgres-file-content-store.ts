import type { Queryable } from '@crm/event-bus/kit';
import type { FileContentStore } from '../application/file-content-store';

/** The default file content adapter: `file_contents` in the settings database (works across replicas). */
export class PostgresFileContentStore implements FileContentStore {
  async put(q: Queryable, tenantId: string, fileId: string, bytes: Buffer): Promise<void> {
    await q.query(`INSERT INTO file_contents (tenant_id, file_id, bytes) VALUES ($1, $2, $3)`, [tenantId, fileId, bytes]);
  }

  async get(q: Queryable, tenantId: string, fileId: string): Promise<Buffer | null> {
    // base64 text whatever the driver's bytea parsing (node-postgres, PGlite)
    const rows = (await q.query(`SELECT encode(bytes, 'base64') AS b64 FROM file_contents WHERE tenant_id = $1 AND file_id = $2`, [
      tenantId,
      fileId,
    ])) as {
      b64: string;
    }[];
    return rows[0] ? Buffer.from(rows[0].b64, 'base64') : null;
  }

  async remove(q: Queryable, tenantId: string, fileId: string): Promise<void> {
    await q.query(`DELETE FROM file_contents WHERE tenant_id = $1 AND file_id = $2`, [tenantId, fileId]);
  }
}
