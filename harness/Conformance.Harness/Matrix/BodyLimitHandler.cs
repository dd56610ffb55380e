namespace Conformance.Harness.Matrix;

/// <summary>
/// Reads at most <c>limit</c> bytes of each response body and drops the connection on the rest, so a
/// server that answers 50 MB (or never stops) costs the run one megabyte, not its memory. A cut body is
/// marked with <see cref="TruncatedHeader"/> (the bytes kept and the length the server announced), which
/// <see cref="MatrixClient"/> turns into a note on the exchange.
/// </summary>
public sealed class BodyLimitHandler(long limit) : DelegatingHandler
{
    /// <summary>Never sent by a server: added here, read and removed by <see cref="MatrixClient"/>.</summary>
    public const string TruncatedHeader = "X-Conformance-Body-Truncated";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        var original = response.Content;
        var announced = original.Headers.ContentLength;
        if (announced is { } known && known <= limit) return response;

        var kept = new MemoryStream();
        var more = false;
        await using (var body = await original.ReadAsStreamAsync(ct))
        {
            var buffer = new byte[81920];
            while (true)
            {
                var room = (int)Math.Min(buffer.Length, limit + 1 - kept.Length);
                var read = await body.ReadAsync(buffer.AsMemory(0, room), ct);
                if (read == 0) break;
                kept.Write(buffer, 0, read);
                if (kept.Length > limit) { more = true; break; }
            }
        }
        if (more) kept.SetLength(limit);

        var replacement = new ByteArrayContent(kept.ToArray());
        foreach (var (name, values) in original.Headers)
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) replacement.Headers.TryAddWithoutValidation(name, values);
        original.Dispose(); // with bytes still unread, this drops the connection instead of draining it
        response.Content = replacement;
        if (more) response.Headers.TryAddWithoutValidation(TruncatedHeader, $"{limit}; {announced?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}");
        return response;
    }

    /// <summary>The note for an exchange whose body was cut, from the marker header's value.</summary>
    public static string Note(string marker)
    {
        var parts = marker.Split("; ");
        var announced = parts.Length > 1 && long.TryParse(parts[1], out var n) ? $" (the server announced {n:N0} bytes)" : "";
        return $"the response body was longer than {long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture):N0} bytes{announced}; only the first {parts[0]} bytes were read and the rest was discarded";
    }
}
