using System.Text.Json.Nodes;

namespace Conformance.Harness.Checks;

/// <summary>One entry of fixtures/catalogue/checks.yaml.</summary>
public sealed class CheckDefinition
{
    public string Id { get; set; } = "";
    public string Area { get; set; } = "";
    public string Family { get; set; } = "";
    public string Title { get; set; } = "";
    public string Level { get; set; } = "";
    public string? LevelDetail { get; set; }
    public string Since { get; set; } = "";
    public string SpecUrl { get; set; } = "";
    public string Requirement { get; set; } = "";
    public string How { get; set; } = "";
    /// <summary>One of <see cref="CaseWords"/> (the cases come from the run), or a fixed list of case names.</summary>
    public JsonNode? Cases { get; set; }

    /// <summary>The words <c>cases:</c> may hold instead of a list.</summary>
    public static readonly string[] CaseWords = ["per-operation", "per-probe"];

    /// <summary>The fixed list of case names, or null for <c>per-operation</c> and <c>per-probe</c>.</summary>
    public IReadOnlyList<string>? CaseNames => Cases is JsonArray list ? list.Select(c => c!.GetValue<string>()).ToList() : null;

    /// <summary>Whether <see cref="Cases"/> is one of <see cref="CaseWords"/> or a list of names.</summary>
    public bool HasValidCases =>
        Cases is JsonValue value && value.TryGetValue<string>(out var word) && CaseWords.Contains(word)
        || Cases is JsonArray list && list.All(c => c is JsonValue name && name.TryGetValue<string>(out _));
}

public sealed class AreaDefinition
{
    public string Title { get; set; } = "";
    /// <summary>The suite assembly (suites/…) that holds the area's checks.</summary>
    public string Suite { get; set; } = "";
}
