namespace Conformance.Harness.Checks;

/// <summary>The facts of a response a verdict was drawn from, in the form reports show them.</summary>
public sealed record ObservedResponse
{
    public int? Status { get; init; }
    public string? Errcode { get; init; }
    /// <summary>The raw JSON of <c>soft_logout</c> (so a string "true" shows as such), or null when absent.</summary>
    public string? SoftLogout { get; init; }
    public string? Error { get; init; }
    public string? ContentType { get; init; }
}
