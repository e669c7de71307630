using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Connctd.Connector.Sdk.AspNetCore.Verification;

/// <summary>Reads a request body into memory, refusing more than a limit without reading it all.</summary>
internal static class RequestBodyReader
{
    /// <summary>Reads the body; returns null when it is larger than <paramref name="limit"/> bytes.</summary>
    /// <remarks>A ValueTask: a small body is usually buffered already and read without yielding, and then nothing but the body is allocated.</remarks>
    public static async ValueTask<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        long? declared = request.ContentLength;
        if (declared > limit)
        {
            return null;
        }

        if (declared == 0)
        {
            return [];
        }

        int initial = declared is long length ? (int)length : 4096;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 256));
        int total = 0;
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (total > limit)
                    {
                        return null;
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, limit + 1));
                    buffer.AsSpan(0, total).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (total > limit)
                {
                    return null;
                }
            }

            return buffer.AsSpan(0, total).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
