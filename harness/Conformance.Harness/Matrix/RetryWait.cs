using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RestSharp;

namespace Conformance.Harness.Matrix;

/// <summary>
/// How long to wait before retrying a 429: the server's hint (<c>retry_after_ms</c> in the body, else the
/// <c>Retry-After</c> header in seconds or as a date), clamped to [0, cap]. A hint that is not a
/// non-negative number or a date (<c>-1</c>, <c>"soon"</c>, <c>1e400</c>) counts as no hint.
/// </summary>
public static class RetryWait
{
    public static TimeSpan Of(RestResponse response, TimeSpan cap, TimeSpan noHint)
    {
        var header = response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Retry-After", StringComparison.OrdinalIgnoreCase))?.Value?.ToString();
        return Of(response.Content, header, DateTimeOffset.UtcNow, cap, noHint);
    }

    public static TimeSpan Of(string? body, string? retryAfter, DateTimeOffset now, TimeSpan cap, TimeSpan noHint)
    {
        var hint = FromBody(body) ?? FromHeader(retryAfter, now);
        return hint is { } h ? h > cap ? cap : h : noHint;
    }

    private static TimeSpan? FromBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            if (JsonNode.Parse(body) is JsonObject o && o["retry_after_ms"] is JsonValue v && v.TryGetValue<double>(out var ms)
                && double.IsFinite(ms) && ms >= 0)
                return ms >= TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.MaxValue : TimeSpan.FromMilliseconds(ms);
        }
        catch (JsonException) { }
        return null;
    }

    private static TimeSpan? FromHeader(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        if (text.All(char.IsAsciiDigit))
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < (long)TimeSpan.MaxValue.TotalSeconds
                ? TimeSpan.FromSeconds(seconds) : TimeSpan.MaxValue;
        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at > now ? at - now : TimeSpan.Zero;
        return null;
    }
}
