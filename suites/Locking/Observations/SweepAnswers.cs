using Conformance.Harness.Matrix;

namespace Conformance.Suites.Locking.Observations;

/// <summary>One sweep of the lock scenario: a request per operation, in the order they were sent.</summary>
public sealed record SweepAnswers
{
    private readonly Dictionary<string, Sent> _byOperation;

    public SweepAnswers(IEnumerable<Sent> sent)
    {
        All = sent.ToList();
        _byOperation = All.ToDictionary(s => s.OperationId, StringComparer.Ordinal);
    }

    public IReadOnlyList<Sent> All { get; }

    /// <summary>The request sent for this operation, or null when the sweep did not include it.</summary>
    public Sent? For(string operationId) => _byOperation.GetValueOrDefault(operationId);

    /// <summary>The answers to the locked token, in the order sent.</summary>
    public IEnumerable<MatrixResponse> Responses => All.Select(s => s.Response);
}
