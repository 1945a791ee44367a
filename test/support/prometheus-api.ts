/** One instant query over Prometheus' HTTP API (a real Prometheus or the sandbox's), at `timeS`. */
export async function instantQuery(
  baseUrl: string,
  query: string,
  timeS: number,
): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const response = await fetch(`${baseUrl}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query, time: String(timeS) }).toString(),
  });
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data?: {
      resultType: string;
      result: Array<{ metric: Record<string, string>; value: [number, string] }>;
    };
  };
  if (body.status !== 'success' || body.data?.resultType !== 'vector')
    throw new Error(`${baseUrl}: ${query}: ${body.error ?? JSON.stringify(body)}`);
  return body.data.result;
}
