using System.Text;
using System.Text.Json.Nodes;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;
using Conformance.Suites.Locking.Sweep;

namespace Conformance.Suites.Locking.Scenarios;

/// <summary>
/// Creates, before the lock, the resources the sweep's requests name, so that each request is valid and
/// only the lock can refuse it: a room with an event and a tag, a filter, media, a key backup version,
/// and another user's public room with an alias. A resource the server will not create is recorded as
/// unavailable, not fatal.
/// </summary>
public sealed class SweepFixtures(MatrixClient client, FixtureValues values)
{
    private readonly FixtureRecorder _record = new(client, values);

    /// <summary><paramref name="moderation"/> names what comes next (lock, suspension) in the fixtures' texts.</summary>
    public async Task CreateAsync(UserSession subject, UserSession other, string aliasLocalpart, CancellationToken ct, string moderation = "lock")
    {
        var token = subject.AccessToken;
        var room = await Json(MatrixRequest.Post("/_matrix/client/v3/createRoom").WithToken(token)
            .WithJson(new JsonObject { ["name"] = $"conformance {moderation} sweep", ["preset"] = "private_chat" }), "room", "room_id", ct);

        if (room is not null)
        {
            await Json(MatrixRequest.Put($"/_matrix/client/v3/rooms/{Seg(room)}/send/m.room.message/{values["marker"]}-fixture").WithToken(token)
                .WithJson(new JsonObject { ["msgtype"] = "m.text", ["body"] = $"before the {moderation}" }), "event", "event_id", ct);
            await Expect(MatrixRequest.Put($"/_matrix/client/v3/user/{Seg(subject.UserId)}/rooms/{Seg(room)}/tags/u.conformance").WithToken(token)
                .WithJson(new JsonObject { ["order"] = 0.1 }), "tag", ct);
        }
        else values.Unavailable("event", "no room to send it in");

        await Json(MatrixRequest.Post($"/_matrix/client/v3/user/{Seg(subject.UserId)}/filter").WithToken(token)
            .WithJson(new JsonObject { ["room"] = new JsonObject { ["timeline"] = new JsonObject { ["limit"] = 10 } } }), "filter", "filter_id", ct);

        var upload = await client.ExecuteAsync(MatrixRequest.Post("/_matrix/media/v3/upload").WithToken(token)
            .WithRaw(Encoding.UTF8.GetBytes("conformance fixture"), "text/plain"), ct);
        SetMedia(upload, "media_server", "media_id");
        var created = await client.ExecuteAsync(MatrixRequest.Post("/_matrix/media/v1/create").WithToken(token).WithJson(new JsonObject()), ct);
        SetMedia(created, null, "pending_media_id");

        await Json(MatrixRequest.Post("/_matrix/client/v3/room_keys/version").WithToken(token).WithJson(new JsonObject
        {
            ["algorithm"] = "m.megolm_backup.v1.curve25519-aes-sha2",
            ["auth_data"] = new JsonObject { ["public_key"] = "conformancefixturekey", ["signatures"] = new JsonObject() },
        }), "backup_version", "version", ct);

        var publicRoom = await Json(MatrixRequest.Post("/_matrix/client/v3/createRoom").WithToken(other.AccessToken).WithJson(new JsonObject
        {
            ["name"] = "conformance public room",
            ["preset"] = "public_chat",
            ["visibility"] = "public",
            ["room_alias_name"] = aliasLocalpart,
        }), "public_room", "room_id", ct);
        if (publicRoom is not null) values.Set("public_room_alias", $"#{aliasLocalpart}:{values["server_name"]}");
        else values.Unavailable("public_room_alias", "no public room");
    }

    private Task<string?> Json(RestSharp.RestRequest request, string name, string field, CancellationToken ct) => _record.ValueAsync(request, name, field, ct);

    private Task<bool> Expect(RestSharp.RestRequest request, string name, CancellationToken ct) => _record.SucceedsAsync(request, name, ct);

    private void SetMedia(MatrixResponse response, string? serverKey, string idKey)
    {
        var uri = response.StringField("content_uri");
        if (response.IsSuccess && uri is not null && uri.StartsWith("mxc://", StringComparison.Ordinal) && uri[6..].Split('/') is [var server, var id])
        {
            if (serverKey is not null) values.Set(serverKey, server);
            values.Set(idKey, id);
            return;
        }
        if (serverKey is not null) values.Unavailable(serverKey, $"media upload returned {response.Summary()}");
        values.Unavailable(idKey, $"media request returned {response.Summary()}");
    }

    private static string Seg(string value) => MatrixRequest.Segment(value);
}
