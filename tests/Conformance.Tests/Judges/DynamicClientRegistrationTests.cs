using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Xunit;
using static Conformance.Tests.Judges.OAuthApiSamples;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The dynamic client registration judges over hand-made observations.</summary>
public sealed class DynamicClientRegistrationTests
{
    private static Observed<RegistrationObservations> O(RegistrationObservations? r = null) => Observed.Of(r ?? Registrations());

    [Fact]
    public void A_conformant_server_passes_every_case()
    {
        foreach (var kind in Enum.GetValues<ClientKind>())
        {
            Assert.Equal(Verdict.Pass, DynamicClientRegistration.DCR001_ClientsAreRegistered(O(), kind).Verdict);
            Assert.Equal(Verdict.Pass, DynamicClientRegistration.DCR002_MetadataIsEchoed(O(), kind).Verdict);
        }
        foreach (var v in Enum.GetValues<UnknownValue>()) Assert.Equal(Verdict.Pass, DynamicClientRegistration.DCR003_UnknownValuesAreIgnored(O(), v).Verdict);
        foreach (var c in Enum.GetValues<InvalidRedirect>()) Assert.Equal(Verdict.Pass, DynamicClientRegistration.DCR004_InvalidRedirectUrisAreRefused(O(), c).Verdict);
        foreach (var c in Enum.GetValues<ValidRedirect>()) Assert.Equal(Verdict.Pass, DynamicClientRegistration.DCR005_ValidRedirectUrisAreAccepted(O(), c).Verdict);
        Assert.Equal(Verdict.Pass, DynamicClientRegistration.DCR006_RefusalsAreRegistrationErrors(O()).Verdict);
        Assert.Equal(Verdict.Pass, DynamicClientRegistration.DCR007_LoopbackOnAnyPort(CodeGrant()).Verdict);
        Assert.Equal("refused: invalid_client_metadata", DynamicClientRegistration.DCR008_ClientUriLeniency(O(), ClientUriCase.Missing).Judgement.Finding);
    }

    [Fact]
    public void A_server_that_refuses_every_registration_makes_every_case_skip_with_what_was_sent()
    {
        var o = O(RefusingAll());
        var outcomes = new[]
        {
            DynamicClientRegistration.DCR001_ClientsAreRegistered(o, ClientKind.Native), DynamicClientRegistration.DCR002_MetadataIsEchoed(o, ClientKind.Web),
            DynamicClientRegistration.DCR003_UnknownValuesAreIgnored(o, UnknownValue.GrantType), DynamicClientRegistration.DCR004_InvalidRedirectUrisAreRefused(o, InvalidRedirect.WebHttp),
            DynamicClientRegistration.DCR005_ValidRedirectUrisAreAccepted(o, ValidRedirect.WebPath), DynamicClientRegistration.DCR006_RefusalsAreRegistrationErrors(o),
            DynamicClientRegistration.DCR008_ClientUriLeniency(o, ClientUriCase.Http),
        };
        foreach (var outcome in outcomes)
        {
            Assert.Equal(Verdict.Skip, outcome.Verdict);
            Assert.Contains("\"application_type\":\"native\"", outcome.Judgement.Detection);
            Assert.Contains("400 invalid_client_metadata", outcome.Judgement.Detection);
        }
    }

    [Fact]
    public void A_refusal_of_one_kind_is_judged_not_taken_for_a_server_without_registration()
    {
        var o = O(Registrations() with { Web = Refused(ClientRegistration.Web(ClientRegistration.ClientUri, ClientRegistration.ClientUri + "callback"), "invalid_client_metadata") });
        var j = DynamicClientRegistration.DCR001_ClientsAreRegistered(o, ClientKind.Web);
        Assert.Equal(Verdict.Fail, j.Reported("DCR-001"));
        Assert.Contains("refused to register a web client", j.Reason);
        Assert.Equal(Verdict.Pass, DynamicClientRegistration.DCR001_ClientsAreRegistered(o, ClientKind.Native).Verdict);
        Assert.Equal(Verdict.Inconclusive, DynamicClientRegistration.DCR002_MetadataIsEchoed(o, ClientKind.Web).Verdict);
    }

    [Fact]
    public void A_registration_answered_200_or_without_client_id_breaches_DCR001()
    {
        var sent = ClientRegistration.Request(RedirectUri);
        var ok200 = O(Registrations() with { Native = new Registration(sent, Json(200, Echo(sent).ToJsonString(), "POST")) });
        Assert.Contains("not 201 Created", DynamicClientRegistration.DCR001_ClientsAreRegistered(ok200, ClientKind.Native).Reason);
        var noId = O(Registrations() with { Native = new Registration(sent, Json(201, "{}", "POST")) });
        Assert.Contains("without a client_id", DynamicClientRegistration.DCR001_ClientsAreRegistered(noId, ClientKind.Native).Reason);
        var lost = O(Registrations() with { Native = new Registration(sent, NoAnswer("POST", "/register")) });
        Assert.Equal(Verdict.Error, DynamicClientRegistration.DCR001_ClientsAreRegistered(lost, ClientKind.Native).Verdict);
    }

    [Fact]
    public void An_answer_without_the_redirect_uris_or_with_another_auth_method_breaches_DCR002()
    {
        var sent = ClientRegistration.Request(RedirectUri);
        var bare = O(Registrations() with { Native = new Registration(sent, Json(201, $$"""{"client_id":"{{ClientId}}"}""", "POST")) });
        var j = DynamicClientRegistration.DCR002_MetadataIsEchoed(bare, ClientKind.Native);
        Assert.Equal(Verdict.Fail, j.Reported("DCR-002"));
        Assert.Contains("no redirect_uris", j.Reason);
        var echo = Echo(sent);
        echo["token_endpoint_auth_method"] = "client_secret_basic";
        var basic = O(Registrations() with { Native = new Registration(sent, Json(201, echo.ToJsonString(), "POST")) });
        Assert.Contains("token_endpoint_auth_method \"client_secret_basic\"", DynamicClientRegistration.DCR002_MetadataIsEchoed(basic, ClientKind.Native).Reason);
    }

    [Fact]
    public void Refusing_unknown_values_or_valid_uris_and_accepting_invalid_ones_breaches()
    {
        var r = Registrations();
        var unknown = O(r with { Unknown = Observed.Of<IReadOnlyDictionary<UnknownValue, Registration>>(new Dictionary<UnknownValue, Registration> { [UnknownValue.GrantType] = Refused(ClientRegistration.Request(RedirectUri), "invalid_client_metadata") }) });
        Assert.Equal(Verdict.Fail, DynamicClientRegistration.DCR003_UnknownValuesAreIgnored(unknown, UnknownValue.GrantType).Reported("DCR-003"));

        var lax = O(r with { Invalid = Observed.Of<IReadOnlyDictionary<InvalidRedirect, Registration>>(new Dictionary<InvalidRedirect, Registration> { [InvalidRedirect.NativeLoopbackPort] = Registered(Example(InvalidRedirect.NativeLoopbackPort)) }) });
        var j = DynamicClientRegistration.DCR004_InvalidRedirectUrisAreRefused(lax, InvalidRedirect.NativeLoopbackPort);
        Assert.Equal(Verdict.Fail, j.Reported("DCR-004"));
        Assert.Contains("http://localhost:1234/callback was registered", j.Reason);
        var broken = O(r with { Invalid = Observed.Of<IReadOnlyDictionary<InvalidRedirect, Registration>>(new Dictionary<InvalidRedirect, Registration> { [InvalidRedirect.WebHttp] = new(Example(InvalidRedirect.WebHttp), Error(500, "M_UNKNOWN", "POST")) }) });
        Assert.Contains("instead of refusing it", DynamicClientRegistration.DCR004_InvalidRedirectUrisAreRefused(broken, InvalidRedirect.WebHttp).Reason);

        var strict = O(r with { Valid = Observed.Of<IReadOnlyDictionary<ValidRedirect, Registration>>(new Dictionary<ValidRedirect, Registration> { [ValidRedirect.NativeSchemeNoSlash] = Refused(Example(ValidRedirect.NativeSchemeNoSlash)) }) });
        Assert.Contains("com.example:callback was not registered", DynamicClientRegistration.DCR005_ValidRedirectUrisAreAccepted(strict, ValidRedirect.NativeSchemeNoSlash).Reason);
    }

    [Fact]
    public void Refusals_that_are_not_RFC_7591_errors_fail_DCR006_and_an_imprecise_code_warns()
    {
        Dictionary<InvalidRedirect, Registration> All(Func<InvalidRedirect, Registration> make) => Enum.GetValues<InvalidRedirect>().ToDictionary(c => c, make);
        var matrixStyle = O(Registrations() with { Invalid = Observed.Of<IReadOnlyDictionary<InvalidRedirect, Registration>>(All(c => new Registration(Example(c), Error(400, "M_INVALID_PARAM", "POST")))) });
        var j = DynamicClientRegistration.DCR006_RefusalsAreRegistrationErrors(matrixStyle);
        Assert.Equal(Verdict.Fail, j.Reported("DCR-006"));
        Assert.Contains("RFC 7591", j.Reason);
        var metadata = O(Registrations() with { Invalid = Observed.Of<IReadOnlyDictionary<InvalidRedirect, Registration>>(All(c => Refused(Example(c), "invalid_client_metadata"))) });
        Assert.Equal(Verdict.Warn, DynamicClientRegistration.DCR006_RefusalsAreRegistrationErrors(metadata).Verdict);
        var none = O(Registrations() with { Invalid = Observed.Of<IReadOnlyDictionary<InvalidRedirect, Registration>>(All(c => Registered(Example(c)))) });
        Assert.Equal(Verdict.Inconclusive, DynamicClientRegistration.DCR006_RefusalsAreRegistrationErrors(none).Verdict);
    }

    [Fact]
    public void DCR007_fails_when_another_port_is_refused_and_skips_for_a_client_the_suite_did_not_register()
    {
        var refused = CodeGrant() with { AnyPort = EndedOn("DEVANYPORT", 400, redirectUri: "http://127.0.0.1:49217/callback") };
        var j = DynamicClientRegistration.DCR007_LoopbackOnAnyPort(refused);
        Assert.Equal(Verdict.Fail, j.Reported("DCR-007"));
        Assert.Contains("refused the authorisation request", j.Reason);
        var tokenRefused = CodeGrant() with { AnyPort = Back(Request("D", redirectUri: "http://127.0.0.1:49217/callback"), "http://127.0.0.1:49217/callback?code=c&state=" + State, OAuthError("invalid_grant")) };
        Assert.Contains("token endpoint refused it", DynamicClientRegistration.DCR007_LoopbackOnAnyPort(tokenRefused).Reason);
        var preRegistered = CodeGrant() with { AnyPort = Observed.NotSeen<CodeFlow>(Judgement.Skip("not the suite's", "the profile's oauth.client_id")) };
        Assert.Equal(Verdict.Skip, DynamicClientRegistration.DCR007_LoopbackOnAnyPort(preRegistered).Verdict);
        Assert.Equal(Verdict.Skip, DynamicClientRegistration.DCR007_LoopbackOnAnyPort(Observed.NotSeen<CodeGrantObservations>(NoOAuth)).Verdict);
    }

    [Fact]
    public void DCR008_records_an_accepted_client_uri_and_skips_without_the_OAuth_API()
    {
        var lenient = O(Registrations() with { ClientUri = Observed.Of<IReadOnlyDictionary<ClientUriCase, Registration>>(new Dictionary<ClientUriCase, Registration> { [ClientUriCase.Http] = Registered(ClientRegistration.Native("http://x.example/", RedirectUri)) }) });
        var j = DynamicClientRegistration.DCR008_ClientUriLeniency(lenient, ClientUriCase.Http).Judgement;
        Assert.Equal(Verdict.Info, j.Verdict);
        Assert.Equal("accepted", j.Finding);
        Assert.Equal(Verdict.Skip, DynamicClientRegistration.DCR008_ClientUriLeniency(Observed.NotSeen<RegistrationObservations>(NoOAuth), ClientUriCase.Http).Verdict);
    }

    [Fact]
    public void The_spec_examples_are_sent_as_the_spec_lists_them()
    {
        Assert.Equal(("native", "http://localhost:1234/callback"), RedirectUriExamples.Of(InvalidRedirect.NativeLoopbackPort));
        Assert.Equal(("native", "com.example:callback"), RedirectUriExamples.Of(ValidRedirect.NativeSchemeNoSlash));
        var body = Example(ValidRedirect.WebPortQuery);
        Assert.Equal("https://example.com/", body["client_uri"]!.GetValue<string>());
        Assert.Equal("web", body["application_type"]!.GetValue<string>());
        Assert.Equal("none", ClientRegistration.Request(RedirectUri)["token_endpoint_auth_method"]!.GetValue<string>());
        Assert.IsType<JsonArray>(ClientRegistration.Request(RedirectUri)["redirect_uris"]);
    }
}
