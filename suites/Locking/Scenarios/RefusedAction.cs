using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Checks;
using Conformance.Suites.Locking.Observations;
using Conformance.Suites.Locking.Sweep;

namespace Conformance.Suites.Locking.Scenarios;

/// <summary>
/// A request the suspended account was refused with M_USER_SUSPENDED, kept to be tried again with other
/// tokens and in other states (a new session, locked as well, unlocked again). The spec's own examples
/// come first (a message, the display name, a room, a join, an invite), then any other refused write.
/// </summary>
public sealed class RefusedAction(Endpoint operation, MatrixResponse original, SweepRequestFactory requests)
{
    private static readonly string[] Preferred = ["sendMessage", "setProfileField", "createRoom", "joinRoom", "inviteUser", "setRoomStateWithKey"];

    public Endpoint Operation { get; } = operation;

    /// <summary>The answer the suspended account got in the sweep.</summary>
    public MatrixResponse Original { get; } = original;

    /// <summary>The same request, built afresh (a new transaction ID), sent with <paramref name="token"/>.</summary>
    public Task<MatrixResponse> RetryAsync(MatrixClient client, string token, CancellationToken ct) =>
        client.ExecuteAsync(requests.Build(Operation).ToRest(token), ct);

    public static Observed<RefusedAction> Pick(SuspendedSweep sweep, SweepRequestFactory requests)
    {
        var refused = sweep.All.Where(s => SuspendedAnswer.IsSuspensionError(s.Response)).ToList();
        var choice = Preferred.Select(id => refused.FirstOrDefault(s => s.OperationId == id)).FirstOrDefault(s => s is not null)
                     ?? refused.FirstOrDefault(s => s.Request.Operation.Method != "GET");
        return choice is null
            ? Observed.NotSeen<RefusedAction>(Judgement.Inconclusive("No request of the sweep was refused with 403 M_USER_SUSPENDED, so there is no refused action to try again."))
            : new RefusedAction(choice.Request.Operation, choice.Response, requests);
    }
}
