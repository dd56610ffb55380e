using System.Text.Json.Serialization;

namespace Conformance.Harness.Checks;

/// <summary>
/// What a check concluded. <c>Fail</c> is reserved for a broken MUST and <c>Warn</c> for a broken
/// SHOULD; <c>Error</c> means the harness or the network failed and says nothing about the server.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    [JsonStringEnumMemberName("pass")] Pass,
    [JsonStringEnumMemberName("fail")] Fail,
    [JsonStringEnumMemberName("warn")] Warn,
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("skip")] Skip,
    [JsonStringEnumMemberName("inconclusive")] Inconclusive,
    [JsonStringEnumMemberName("error")] Error,
}

public static class Verdicts
{
    public static string Name(this Verdict v) => v.ToString().ToLowerInvariant();

    /// <summary>How a breach of a requirement at <paramref name="level"/> is reported.</summary>
    public static Verdict ForBreach(string level, string? levelDetail = null) => level switch
    {
        CheckLevels.Must => Verdict.Fail,
        CheckLevels.Should => Verdict.Warn,
        CheckLevels.MscOnly => levelDetail?.StartsWith("SHOULD", StringComparison.Ordinal) == true ? Verdict.Warn : Verdict.Fail,
        _ => Verdict.Info,
    };
}

public static class CheckLevels
{
    public const string Must = "MUST";
    public const string Should = "SHOULD";
    public const string May = "MAY";
    public const string MscOnly = "MSC-only";
    public const string Info = "INFO";
    public static readonly string[] All = [Must, Should, May, MscOnly, Info];
}
