using Conformance.Harness.Checks;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Xunit;
using static Conformance.Tests.Judges.OAuthApiSamples;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The token revocation judges over hand-made observations.</summary>
public sealed class TokenRevocationTests
{
    private static Observed<RevocationObservations> O(RevocationObservations? r = null) => Observed.Of(r ?? Revocations());

    [Fact]
    public void A_conformant_server_passes_every_case()
    {
        foreach (var t in Enum.GetValues<RevokedToken>()) Assert.Equal(Verdict.Pass, TokenRevocation.REV001_BothTokensAreRevoked(O(), t).Verdict);
        foreach (var c in Enum.GetValues<RevocationClient>()) Assert.Equal(Verdict.Pass, TokenRevocation.REV002_AnyClientMayRevoke(O(), c).Verdict);
        foreach (var n in Enum.GetValues<NothingToRevoke>()) Assert.Equal(Verdict.Pass, TokenRevocation.REV003_NothingToRevokeIsOk(O(), n).Verdict);
        Assert.Equal(Verdict.Pass, TokenRevocation.REV004_BadRequestIs400(O()).Verdict);
    }

    [Fact]
    public void Without_the_OAuth_API_every_case_skips()
    {
        var none = Observed.NotSeen<RevocationObservations>(NoOAuth);
        Assert.Equal(Verdict.Skip, TokenRevocation.REV001_BothTokensAreRevoked(none, RevokedToken.AccessToken).Verdict);
        Assert.Equal(Verdict.Skip, TokenRevocation.REV002_AnyClientMayRevoke(none, RevocationClient.OtherClientId).Verdict);
        Assert.Equal(Verdict.Skip, TokenRevocation.REV003_NothingToRevokeIsOk(none, NothingToRevoke.Unknown).Verdict);
        Assert.Equal(Verdict.Skip, TokenRevocation.REV004_BadRequestIs400(none).Verdict);
    }

    [Fact]
    public void A_token_that_survives_its_sessions_revocation_fails_REV001()
    {
        var partial = Revocations() with { ByRefreshToken = Revoked("D") with { WhoamiAfter = Whoami("D") } };
        var j = TokenRevocation.REV001_BothTokensAreRevoked(O(partial), RevokedToken.RefreshToken);
        Assert.Equal(Verdict.Fail, j.Reported("REV-001"));
        Assert.Contains("the access token still works", j.Reason);
        var refresh = Revocations() with { ByAccessToken = Revoked("D") with { RefreshAfter = TokenAnswer() } };
        Assert.Contains("the refresh token still gives tokens", TokenRevocation.REV001_BothTokensAreRevoked(O(refresh), RevokedToken.AccessToken).Reason);
        var otherCode = Revocations() with { ByAccessToken = Revoked("D") with { WhoamiAfter = Error(403, "M_FORBIDDEN", path: "/_matrix/client/v3/account/whoami") } };
        Assert.Equal(Verdict.Warn, TokenRevocation.REV001_BothTokensAreRevoked(O(otherCode), RevokedToken.AccessToken).Verdict);
        var lost = Revocations() with { ByAccessToken = Revoked("D") with { Revoke = NoAnswer("POST", "/oauth2/revoke") } };
        Assert.Equal(Verdict.Error, TokenRevocation.REV001_BothTokensAreRevoked(O(lost), RevokedToken.AccessToken).Verdict);
        var noSession = Revocations() with { ByRefreshToken = Observed.NotSeen<Revocation>(Judgement.Inconclusive("No token to revoke.")) };
        Assert.Equal(Verdict.Inconclusive, TokenRevocation.REV001_BothTokensAreRevoked(O(noSession), RevokedToken.RefreshToken).Verdict);
    }

    [Fact]
    public void A_revocation_refused_for_want_of_the_client_id_warns_on_REV002()
    {
        var refused = Revocations() with { WithoutClientId = Revoked("D") with { Revoke = OAuthError("invalid_client", 401, "/oauth2/revoke"), WhoamiAfter = Whoami("D"), RefreshAfter = TokenAnswer() } };
        var j = TokenRevocation.REV002_AnyClientMayRevoke(O(refused), RevocationClient.WithoutClientId);
        Assert.Equal(Verdict.Warn, j.Reported("REV-002"));
        Assert.Contains("was refused (401 invalid_client)", j.Reason);
        // The exact error code is not this check's concern.
        var forbidden = Revocations() with { OtherClientId = Revoked("D") with { WhoamiAfter = Error(403, "M_FORBIDDEN", path: "/_matrix/client/v3/account/whoami") } };
        Assert.Equal(Verdict.Pass, TokenRevocation.REV002_AnyClientMayRevoke(O(forbidden), RevocationClient.OtherClientId).Verdict);
    }

    [Fact]
    public void Answers_other_than_200_for_nothing_to_revoke_and_other_than_400_for_a_bad_request_warn()
    {
        var r = Revocations() with { Unknown = OAuthError("invalid_request", path: "/oauth2/revoke"), MissingToken = Json(200, "", "POST", "/oauth2/revoke") };
        Assert.Equal(Verdict.Warn, TokenRevocation.REV003_NothingToRevokeIsOk(O(r), NothingToRevoke.Unknown).Reported("REV-003"));
        Assert.Equal(Verdict.Warn, TokenRevocation.REV004_BadRequestIs400(O(r)).Reported("REV-004"));
        var noEarlier = Revocations() with { AlreadyRevoked = Observed.NotSeen<Conformance.Harness.Matrix.MatrixResponse>(Judgement.Inconclusive("No token was revoked before.")) };
        Assert.Equal(Verdict.Inconclusive, TokenRevocation.REV003_NothingToRevokeIsOk(O(noEarlier), NothingToRevoke.AlreadyRevoked).Verdict);
        var lost = Revocations() with { MissingToken = NoAnswer("POST", "/oauth2/revoke") };
        Assert.Equal(Verdict.Error, TokenRevocation.REV004_BadRequestIs400(O(lost)).Verdict);
    }
}
