using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Suites.Locking.Observations;

/// <summary>What the suspended account (and, for comparison, the control account) got while suspended,
/// in the order the scenario sent the requests.</summary>
public sealed record SuspendedPhase
{
    /// <summary>Every required-auth operation, with the suspended token and, where it tells something,
    /// the control's.</summary>
    public required SuspendedSweep Sweep { get; init; }

    /// <summary>POST /login with the right password, on a new device.</summary>
    public required MatrixResponse Login { get; init; }

    /// <summary>A refused request retried with the token of that login, and with a refreshed token; not
    /// seen when the sweep had no M_USER_SUSPENDED refusal to retry (inconclusive) or login issued no
    /// refresh token (skip).</summary>
    public required Observed<NewSessionAnswer> NewLogin { get; init; }
    public required Observed<NewSessionAnswer> Refreshed { get; init; }

    /// <summary>Leaving a room another user invited the suspended user to.</summary>
    public required ActionAnswer RejectInvite { get; init; }

    /// <summary>Joining a room another user invited the suspended user to.</summary>
    public required ActionAnswer AcceptInvite { get; init; }

    /// <summary>Redacting the other user's event in a room the suspended user created.</summary>
    public required ActionAnswer RedactOthersEvent { get; init; }

    /// <summary>DELETE /devices/{deviceId} of one of the user's devices, with the password.</summary>
    public required ActionAnswer DeleteDevice { get; init; }

    /// <summary>POST /logout with a session of its own, then whoami with that token.</summary>
    public required ActionAnswer Logout { get; init; }

    /// <summary>POST /account/deactivate, with the password, by a second suspended account; not seen when
    /// the profile gives none (skip).</summary>
    public required Observed<ActionAnswer> Deactivate { get; init; }

    /// <summary>GET /account/whoami with each of the user's two tokens.</summary>
    public required IReadOnlyList<MatrixResponse> TokensWhileSuspended { get; init; }
}

/// <summary>Lock and suspension together: with the user suspended and then locked too, a request the
/// suspension refused, and whoami; after unlocking (still suspended), that request again; then locked
/// again and unsuspended, whoami. The refused request is not seen when the sweep had none (inconclusive).</summary>
public sealed record ModerationInterplay(Observed<RefusedRetry> Refused, MatrixResponse BothWhoami, MatrixResponse AfterUnsuspendWhoami);

/// <summary>A request the suspended account was refused with M_USER_SUSPENDED (<see cref="Original"/>), sent
/// again while both locked and suspended, and again after unlocking.</summary>
public sealed record RefusedRetry(MatrixResponse Original, MatrixResponse WhileBoth, MatrixResponse AfterUnlock);

/// <summary>After unsuspending: whoami with each token from before, and the state each probe reads; the
/// state is not seen (inconclusive) when the account could not be used at all.</summary>
public sealed record UnsuspendedPhase(IReadOnlyList<TokenAfterUnlock> Tokens, Observed<IReadOnlyDictionary<string, MatrixResponse>> StateAfter);
