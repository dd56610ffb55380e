using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Suites.AccountManagement.Observations;

/// <summary>The refresh token grant, on two sessions of their own: one refreshed twice with the same
/// refresh token before the new tokens are used (a retry after a lost answer), one refreshed, its new
/// token used, and its old refresh token replayed.</summary>
public sealed record RefreshObservations(Observed<RefreshRetry> Retry, Observed<RefreshRotation> Rotation);

/// <summary>A refresh, a retry with the same refresh token, and whoami with the retry's access token.</summary>
public sealed record RefreshRetry(SignedIn Session, MatrixResponse First, MatrixResponse Retry, MatrixResponse? WhoamiAfterRetry);

/// <summary>A refresh, whoami with the new access token (which uses it), a replay of the old refresh
/// token, and whoami with the new access token after the replay.</summary>
public sealed record RefreshRotation(SignedIn Session, MatrixResponse Refresh, MatrixResponse? WhoamiNew, MatrixResponse? Replay, MatrixResponse? WhoamiAfterReplay);
