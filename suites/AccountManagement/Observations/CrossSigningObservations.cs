using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;

namespace Conformance.Suites.AccountManagement.Observations;

/// <summary>With a token from the OAuth 2.0 API: a first upload of cross-signing keys, then an upload of
/// different ones, which needs user-interactive authentication (for such a token, the m.oauth stage).
/// Then the m.oauth stage itself: the upload again with the UIA session alone before anything was
/// approved, the walk through the stage's URL (signing in and approving over plain HTTP), the upload with
/// the session alone afterwards, and a UIA endpoint the stage is not meant for.</summary>
public sealed record CrossSigningReplacement(MatrixResponse First, MatrixResponse Replace)
{
    private static readonly Judgement NotTried = Judgement.Inconclusive("The m.oauth stage was not tried.");

    /// <summary>The replacement again with <c>auth: {session}</c> only, before approving anything.</summary>
    public Observed<MatrixResponse> SessionBeforeApproval { get; init; } = Observed.NotSeen<MatrixResponse>(NotTried);
    /// <summary>The walk through the m.oauth URL: sign in, approve.</summary>
    public Observed<PageWalk> Approval { get; init; } = Observed.NotSeen<PageWalk>(NotTried);
    /// <summary>The replacement with <c>auth: {session}</c> only, after the walk.</summary>
    public Observed<MatrixResponse> SessionAfterApproval { get; init; } = Observed.NotSeen<MatrixResponse>(NotTried);
    /// <summary>DELETE /devices/{id} of another of the user's devices with the OAuth token.</summary>
    public Observed<MatrixResponse> DeleteDevice { get; init; } = Observed.NotSeen<MatrixResponse>(NotTried);
}

/// <summary>Completing the m.oauth stage with the session alone, before and after approving.</summary>
public enum ApprovalStep { BeforeApproval, AfterApproval }

/// <summary>What a server does with the stage beyond the spec: MSC4312's unstable stage beside it, and the
/// stage on an endpoint it is not meant for.</summary>
public enum StageElsewhere { UnstableStage, DeviceDelete }
