import { allEndpoints, endpoints } from '@/lib/domain/api/endpoints';
import { openApiDocument } from '@/lib/domain/api/openapi-document';
import { handle } from '@/lib/server/api/handler';
import { version } from '@/package.json';

export const dynamic = 'force-dynamic';

export const GET = handle(endpoints.openApi, async () => openApiDocument(allEndpoints, version));
