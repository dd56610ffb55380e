using System.Text.Json.Nodes;
using Conformance.Harness.Catalogue;
using Conformance.Harness.Layout;
using Conformance.Suites.Locking.Sweep;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests.Unit;

public sealed class SweepTests
{
    private static readonly EndpointCatalogue Catalogue = EndpointCatalogue.Load(Repo.Layout.EndpointCatalogueFile);
    private static readonly SweepPlan Plan = SweepPlan.Load(Path.Combine(Repo.Layout.SweepFolder, "requests.yaml"));

    private static FixtureValues Values()
    {
        var v = new FixtureValues();
        v.Set("user", "@u:hs");
        v.Set("room", "!room:hs");
        v.Set("event", "$ev");
        v.Set("marker", "lkabc");
        v.Set("server_name", "hs");
        v.Set("other_user", "@o:hs");
        return v;
    }

    [Fact]
    public void Path_values_are_percent_encoded_and_txn_ids_unique()
    {
        var factory = new SweepRequestFactory(Plan, Values());
        var a = factory.Build(Catalogue.ById("sendMessage"));
        var b = factory.Build(Catalogue.ById("sendMessage"));
        Assert.StartsWith("/_matrix/client/v3/rooms/%21room%3Ahs/send/m.room.message/lkabc-", a.Path);
        Assert.NotEqual(a.Path, b.Path);
        Assert.Equal("""{"msgtype":"m.text","body":"LK-009 lkabc"}""", a.Json!.ToJsonString());
    }

    [Fact]
    public void Generated_bodies_fill_required_fields_by_type()
    {
        var request = new SweepRequestFactory(Plan, Values()).Build(Catalogue.ById("putRoomKeyBySessionId"));
        var body = (JsonObject)request.Json!;
        Assert.Equal(0, body["first_message_index"]!.GetValue<int>());
        Assert.False(body["is_verified"]!.GetValue<bool>());
        Assert.IsType<JsonObject>(body["session_data"]);
        Assert.Equal("version", Assert.Single(request.Query).Key);
    }

    [Fact]
    public void Yaml_bodies_keep_their_types()
    {
        var upgrade = new SweepRequestFactory(Plan, Values()).Build(Catalogue.ById("upgradeRoom"));
        Assert.Equal("""{"new_version":"11"}""", upgrade.Json!.ToJsonString());
        var tag = new SweepRequestFactory(Plan, Values()).Build(Catalogue.ById("setRoomTag"));
        Assert.Equal("""{"order":0.5}""", tag.Json!.ToJsonString());
    }

    [Fact]
    public void Media_uploads_send_a_raw_body_and_unavailable_fixtures_are_named()
    {
        var upload = new SweepRequestFactory(Plan, Values()).Build(Catalogue.ById("uploadContentToMXC"));
        Assert.NotNull(upload.Raw);
        Assert.Null(upload.Json);
        Assert.Contains("pending_media_id", upload.Unavailable);
        Assert.Contains("unavailable-media_server", upload.Path);
    }

    [Fact]
    public void Every_operation_the_sweep_sends_builds()
    {
        var factory = new SweepRequestFactory(Plan, Values());
        foreach (var op in Catalogue.Operations.Where(o => o.LockCategory is "required-auth" or "optional-auth"))
        {
            var request = factory.Build(op);
            Assert.DoesNotContain("{", request.Path);
            if (op.Method is "POST" or "PUT") Assert.True(request.Json is not null || request.Raw is not null, op.OperationId);
        }
        foreach (var sample in Plan.Samples.Values.SelectMany(s => s)) Assert.NotNull(Catalogue.ById(sample));
        foreach (var id in Plan.Operations.Keys) Assert.NotNull(Catalogue.ById(id));
    }

    [Fact]
    public void Side_effect_probes_name_real_sweep_operations()
    {
        var probes = SideEffectProbes.Load(Path.Combine(Repo.Layout.SweepFolder, "side-effects.yaml"));
        Assert.NotEmpty(probes.Probes);
        foreach (var op in probes.Probes.SelectMany(p => p.ChangedBy)) Assert.NotNull(Catalogue.ById(op));
        Assert.Equal("/_matrix/client/v3/directory/room/%23lkabc%3Ahs", Values().FillPath("/_matrix/client/v3/directory/room/#{marker}:{server_name}"));
    }

    [Theory]
    [InlineData("chunk[*].event_id", """{"chunk":[{"event_id":"$a"},{"event_id":"$b"}]}""", """["$a","$b"]""")]
    [InlineData("[*].type", """[{"type":"m.room.create"}]""", """["m.room.create"]""")]
    [InlineData("displayname", """{"displayname":"x","avatar_url":"y"}""", "\"x\"")]
    [InlineData("missing", """{}""", "null")]
    public void Json_select_walks_objects_and_arrays(string path, string json, string expected) =>
        Assert.Equal(expected, JsonSelect.Select(JsonNode.Parse(json), path)?.ToJsonString() ?? "null");

    [Fact]
    public void Yaml_scalars_keep_the_types_yaml_means()
    {
        var file = TempProfile.Write("a: \"11\"\nb: 11\nc: 0.5\nd: true\ne: .m.rule.master\nf: null\n");
        var node = YamlJson.Load(file)!;
        Assert.Equal("""{"a":"11","b":11,"c":0.5,"d":true,"e":".m.rule.master","f":null}""", node.ToJsonString());
    }

    [Fact]
    public void Suspension_probes_name_real_sweep_operations_or_dedicated_actions()
    {
        var plan = SuspensionPlan.Load(Path.Combine(Repo.Layout.SweepFolder, "suspension.yaml"));
        Assert.NotEmpty(plan.Probes);
        var dedicated = Conformance.Suites.Common.CaseNames.All(typeof(Conformance.Suites.Locking.Observations.ForbiddenAction));
        foreach (var id in plan.Probes.SelectMany(p => p.ChangedBy))
            Assert.True(Catalogue.Operations.Any(o => o.OperationId == id) || dedicated.Contains(id), $"suspension.yaml names '{id}', which is neither an operation nor a SUS-006 case");
        foreach (var id in plan.Last.Concat(plan.Operations.Keys)) Assert.NotNull(Catalogue.ById(id));
    }

    [Fact]
    public void The_suspension_plan_overrides_the_lock_sweep_and_keeps_the_rest()
    {
        var plan = SuspensionPlan.Load(Path.Combine(Repo.Layout.SweepFolder, "suspension.yaml")).Over(Plan);
        var values = Values();
        values.Set("aux_room", "!aux:hs");
        values.Set("own_event", "$own");
        var redact = new SweepRequestFactory(plan, values).Build(Catalogue.ById("redactEvent"));
        Assert.StartsWith("/_matrix/client/v3/rooms/%21aux%3Ahs/redact/%24own/", redact.Path);
        Assert.Equal(Plan.Operations["setAccountData"].Body!.ToJsonString(), plan.Operations["setAccountData"].Body!.ToJsonString());
    }

    [Fact]
    public void No_additions_accepts_items_that_went_away_and_flags_new_ones()
    {
        var probe = new SideEffectProbes.Probe { Id = "rooms", Request = "GET /_matrix/client/v3/joined_rooms", Select = ["joined_rooms[*]"], Compare = SideEffectProbes.Probe.NoAdditions };
        var before = Responses.Json(200, """{"joined_rooms":["!a:hs","!b:hs"]}""");
        Assert.True(probe.Unchanged(before, Responses.Json(200, """{"joined_rooms":["!a:hs"]}""")));
        Assert.False(probe.Unchanged(before, Responses.Json(200, """{"joined_rooms":["!a:hs","!c:hs"]}""")));
        Assert.False(probe.Unchanged(before, Responses.Json(403, """{"errcode":"M_FORBIDDEN"}""")));
        var equal = new SideEffectProbes.Probe { Id = "rooms", Request = probe.Request, Select = probe.Select };
        Assert.False(equal.Unchanged(before, Responses.Json(200, """{"joined_rooms":["!a:hs"]}""")));
    }
}
