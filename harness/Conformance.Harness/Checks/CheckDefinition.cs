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
    /// <summary><c>per-operation</c>, <c>per-probe</c>, or a fixed list of case names.</summary>
    public object? Cases { get; set; }

    /// <summary>The fixed list of case names, or null for <c>per-operation</c> and <c>per-probe</c>.</summary>
    public IReadOnlyList<string>? CaseNames => Cases is not string && Cases is IEnumerable<object> list ? list.Select(c => c.ToString()!).ToList() : null;
}

public sealed class AreaDefinition
{
    public string Title { get; set; } = "";
    /// <summary>The suite assembly (suites/…) that holds the area's checks.</summary>
    public string Suite { get; set; } = "";
}
