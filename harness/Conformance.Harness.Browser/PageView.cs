namespace Conformance.Harness.Browser;

/// <summary>What a page shows a person, as the browser checks judge it.</summary>
public sealed record PageView
{
    public required string Url { get; init; }
    public required string Text { get; init; }
    /// <summary>A visible password field with a visible username-like field: a sign-in page.</summary>
    public bool IsSignIn { get; init; }
    /// <summary>A visible password field (on a confirmation page: re-authentication).</summary>
    public bool AsksForPassword { get; init; }
    /// <summary>Texts of the visible buttons, submit inputs and links that can confirm.</summary>
    public IReadOnlyList<string> Controls { get; init; } = [];
    public string? Screenshot { get; init; }

    /// <summary>The first of <paramref name="words"/> the page's visible text contains, if any.</summary>
    public string? Mentions(IEnumerable<string> words) =>
        words.FirstOrDefault(w => Text.Contains(w, StringComparison.OrdinalIgnoreCase));
}
