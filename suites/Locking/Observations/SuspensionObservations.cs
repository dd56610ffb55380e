using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Suites.Locking.Observations;

/// <summary>
/// What the suspension scenario saw, one record per phase in the order the phases ran: prepared (an
/// adapter that can suspend was found, the fixtures were made and the state was read), suspended, lock
/// and suspension together, and unsuspended. A phase that could not run says why (no suspend adapter:
/// skip; the suspension refused or a probe failed: error), and so does every phase after it.
/// </summary>
public sealed record SuspensionObservations(
    Observed<SuspensionPreparation> Prepared,
    Observed<SuspendedPhase> Suspended,
    Observed<ModerationInterplay> Interplay,
    Observed<UnsuspendedPhase> Unsuspended)
{
    /// <summary>Nothing observed: the scenario stopped before suspending, for this reason.</summary>
    public static SuspensionObservations NotSeen(Judgement why) =>
        new(Observed.NotSeen<SuspensionPreparation>(why), Observed.NotSeen<SuspendedPhase>(why), Observed.NotSeen<ModerationInterplay>(why), Observed.NotSeen<UnsuspendedPhase>(why));
}

/// <summary>Read before the suspension: what each probe of suspension.yaml answered, by probe id.</summary>
public sealed record SuspensionPreparation(IReadOnlyDictionary<string, MatrixResponse> StateBefore);

/// <summary>One request made for a dedicated action (not a sweep operation): its final answer, and the
/// requests that led to it or checked it (a user-interactive authentication challenge, a whoami after a
/// logout), for the evidence.</summary>
public sealed record ActionAnswer(MatrixResponse Response, IReadOnlyList<MatrixResponse> Around)
{
    public ActionAnswer(MatrixResponse response) : this(response, []) { }

    public MatrixResponse[] Evidence => [Response, .. Around];
}

/// <summary>A token obtained while suspended (login or refresh) and, sent with it, a request the original
/// session was refused with M_USER_SUSPENDED. <see cref="Retried"/> is not seen when no token was issued.</summary>
public sealed record NewSessionAnswer(MatrixResponse Issued, MatrixResponse Original, Observed<MatrixResponse> Retried);
