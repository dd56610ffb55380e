using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Sweep;

namespace Conformance.Suites.Locking.Observations;

/// <summary>A request sent with the locked token, its answer, and (when the answer looked like an unknown
/// route) the answer to the same request without a token.</summary>
public sealed record Sent(SweepRequest Request, MatrixResponse Response, MatrixResponse? WithoutToken)
{
    public string OperationId => Request.Operation.OperationId;

    public MatrixResponse?[] Evidence => [Response, WithoutToken];
}
