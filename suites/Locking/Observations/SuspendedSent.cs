using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Sweep;

namespace Conformance.Suites.Locking.Observations;

/// <summary>
/// A sweep request sent with the suspended account's token, its answer, and the answer a control account
/// (not suspended, same fixtures, same requests so far) got to the same request. The control sends only
/// where it keeps the two accounts alike: what the suspended account was permitted, and what it was refused
/// without the suspension error (the control's answer then tells whether the suspension was the cause).
/// </summary>
public sealed record SuspendedSent(SweepRequest Request, MatrixResponse Response, MatrixResponse? Control)
{
    public string OperationId => Request.Operation.OperationId;

    public MatrixResponse?[] Evidence => [Response, Control];
}

/// <summary>The suspension sweep: one <see cref="SuspendedSent"/> per operation, in the order sent.</summary>
public sealed record SuspendedSweep
{
    private readonly Dictionary<string, SuspendedSent> _byOperation;

    public SuspendedSweep(IEnumerable<SuspendedSent> sent)
    {
        All = sent.ToList();
        _byOperation = All.ToDictionary(s => s.OperationId, StringComparer.Ordinal);
    }

    public IReadOnlyList<SuspendedSent> All { get; }

    /// <summary>The request sent for this operation, or null when the sweep did not include it.</summary>
    public SuspendedSent? For(string operationId) => _byOperation.GetValueOrDefault(operationId);
}
