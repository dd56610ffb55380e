using System.Text.Json.Nodes;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;
using Conformance.Suites.Locking.Sweep;

namespace Conformance.Suites.Locking.Scenarios;

/// <summary>
/// The fixtures the suspension needs beyond the lock sweep's, made before suspending: a room of the user's
/// own to leave ({leave_room}); a room the user created and the other user joined, with an event of each
/// ({aux_room}, {own_event}, {other_event}), where redactions happen away from the room the read-back
/// watches; and two rooms the other user invited the user to ({invite_room} to reject, {accept_room} to
/// accept). The control account gets the same rooms, minus the invitations, so that the two accounts'
/// requests meet the same state.
/// </summary>
public sealed class SuspensionFixtures(MatrixClient client, FixtureValues values)
{
    private readonly FixtureRecorder _record = new(client, values);

    /// <summary><paramref name="invitations"/> is false for the control account, which never acts on them.</summary>
    public async Task CreateAsync(UserSession user, UserSession other, bool invitations, CancellationToken ct)
    {
        await CreateRoomAsync(user, "leave_room", "conformance suspension: to leave", "private_chat", ct);
        var aux = await CreateRoomAsync(user, "aux_room", "conformance suspension: redactions", "public_chat", ct);
        if (aux is not null)
        {
            await SendAsync(user, aux, "own_event", ct);
            if (await _record.SucceedsAsync(MatrixRequest.Post($"/_matrix/client/v3/join/{Seg(aux)}").WithToken(other.AccessToken).WithJson(new JsonObject()), "other_event", ct))
                await SendAsync(other, aux, "other_event", ct);
        }
        else foreach (var name in new[] { "own_event", "other_event" }) values.Unavailable(name, "no room to send it in");

        if (!invitations) return;
        foreach (var name in new[] { "invite_room", "accept_room" })
        {
            var room = await CreateRoomAsync(other, name, $"conformance suspension: {name.Replace('_', ' ')}", "private_chat", ct);
            if (room is not null)
                await _record.SucceedsAsync(MatrixRequest.Post($"/_matrix/client/v3/rooms/{Seg(room)}/invite").WithToken(other.AccessToken)
                    .WithJson(new JsonObject { ["user_id"] = user.UserId }), name, ct);
        }
    }

    private Task<string?> CreateRoomAsync(UserSession creator, string name, string title, string preset, CancellationToken ct) =>
        _record.ValueAsync(MatrixRequest.Post("/_matrix/client/v3/createRoom").WithToken(creator.AccessToken)
            .WithJson(new JsonObject { ["name"] = title, ["preset"] = preset }), name, "room_id", ct);

    private Task<string?> SendAsync(UserSession sender, string room, string name, CancellationToken ct) =>
        _record.ValueAsync(MatrixRequest.Put($"/_matrix/client/v3/rooms/{Seg(room)}/send/m.room.message/{values["marker"]}-{name}").WithToken(sender.AccessToken)
            .WithJson(new JsonObject { ["msgtype"] = "m.text", ["body"] = $"before the suspension ({name.Replace('_', ' ')})" }), name, "event_id", ct);

    private static string Seg(string value) => MatrixRequest.Segment(value);
}
