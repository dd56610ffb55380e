namespace Conformance.Harness.Matrix;

/// <summary>One request and its response as recorded for a report, already redacted.</summary>
public sealed record HttpExchange
{
    public required string Method { get; init; }
    public required string Url { get; init; }
    public IReadOnlyDictionary<string, string> RequestHeaders { get; init; } = new Dictionary<string, string>();
    public string? RequestBody { get; init; }
    public int? Status { get; init; }
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; init; } = new Dictionary<string, string>();
    public string? ResponseBody { get; init; }
    /// <summary>Set when the body was longer than the run reads (<c>limits.max_body</c>): what was kept.</summary>
    public string? ResponseTruncated { get; init; }
    /// <summary>Set when no response arrived (timeout, refused connection), or when the request was not
    /// sent because the target had been declared unresponsive.</summary>
    public string? Error { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public double DurationMs { get; init; }
    /// <summary>More than 1 when the server rate-limited (429) and the request was retried; 0 when it was not sent.</summary>
    public int Attempts { get; init; } = 1;
}
