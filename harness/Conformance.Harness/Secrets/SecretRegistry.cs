namespace Conformance.Harness.Secrets;

/// <summary>
/// Every secret value the run has seen or made: tokens the server issued, passwords, shared secrets.
/// <see cref="Redactor"/> scrubs these values from anything written, whatever field they turn up in.
/// </summary>
public sealed class SecretRegistry
{
    /// <summary>Shorter values would scrub ordinary words; nothing the run uses as a secret is this short.</summary>
    public const int MinimumLength = 6;

    private readonly object _gate = new();
    private string[] _values = [];

    public void Add(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < MinimumLength) return;
        lock (_gate)
        {
            if (_values.Contains(value, StringComparer.Ordinal)) return;
            // Longest first, so a secret that contains another is scrubbed whole.
            _values = [.. _values.Append(value).OrderByDescending(v => v.Length)];
        }
    }

    public IReadOnlyList<string> Values => _values;
}
