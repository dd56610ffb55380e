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
    /// <summary>Set when no response arrived (timeout, refused connection).</summary>
    public string? Error { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public double DurationMs { get; init; }
    /// <summary>More than 1 when the server rate-limited (429) and the request was retried.</summary>
    public int Attempts { get; init; } = 1;
}
