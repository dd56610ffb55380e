using System.Text;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Checks;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>The verdict rules for an answer to a locked account's token, row by row.</summary>
public sealed class LockedAnswerTests
{
    public static MatrixResponse Response(int status, string? body, string contentType = "application/json", string? networkError = null) => new()
    {
        Exchange = new HttpExchange { Method = "GET", Url = "http://127.0.0.1/_matrix/client/v3/sync" },
        Status = status,
        Text = body ?? "",
        RawBytes = Encoding.UTF8.GetBytes(body ?? ""),
        ContentType = contentType,
        NetworkError = networkError,
    };

    private static readonly MatrixResponse Locked = Response(401, """{"errcode":"M_USER_LOCKED","error":"This account has been locked","soft_logout":true}""");

    [Fact]
    public void The_lock_error_passes_every_check()
    {
        Assert.Null(LockedAnswer.Preliminary(Locked, null));
        Assert.Equal(Verdict.Pass, LockedAnswer.Status(Locked).Verdict);
        Assert.Equal(Verdict.Pass, LockedAnswer.Errcode(Locked).Verdict);
        Assert.Equal(Verdict.Pass, LockedAnswer.SoftLogout(Locked).Verdict);
        Assert.Equal(Verdict.Pass, LockedAnswer.StandardError(Locked).Verdict);
        Assert.Equal(Verdict.Pass, LockedAnswer.Complete(Locked).Verdict);
        Assert.Equal("error text: \"This account has been locked\"", LockedAnswer.ErrorText(Locked).Finding);
    }

    [Fact]
    public void Success_is_a_bypass()
    {
        var ok = Response(200, "{}");
        Assert.Equal(Verdict.Fail, LockedAnswer.Status(ok).Verdict);
        Assert.Contains("bypassed", LockedAnswer.Status(ok).Reason);
        Assert.Equal(Verdict.Fail, LockedAnswer.Errcode(ok).Verdict);
        Assert.Equal(Verdict.Fail, LockedAnswer.Complete(ok).Verdict);
    }

    [Theory]
    [InlineData("""{"errcode":"M_UNKNOWN_TOKEN","error":"x","soft_logout":true}""", "M_UNKNOWN_TOKEN")]
    [InlineData("""{"errcode":"ORG_MATRIX_MSC3939_USER_LOCKED","error":"x","soft_logout":true}""", "unstable MSC3939")]
    [InlineData("""{"flows":[{"stages":["m.login.password"]}],"session":"s"}""", "user-interactive authentication challenge")]
    public void Wrong_codes_and_UIA_challenges_are_not_the_lock_errcode(string body, string expected)
    {
        var r = Response(401, body);
        var j = LockedAnswer.Errcode(r);
        Assert.Equal(Verdict.Fail, j.Verdict);
        Assert.Contains(expected, j.Reason);
        Assert.Equal(Verdict.Pass, LockedAnswer.Status(r).Verdict);
    }

    [Fact]
    public void A_403_is_not_the_lock_status_and_suspension_not_its_errcode()
    {
        Assert.Equal(Verdict.Fail, LockedAnswer.Status(Response(403, """{"errcode":"M_USER_LOCKED","error":"x","soft_logout":true}""")).Verdict);
        Assert.Contains("suspension", LockedAnswer.Errcode(Response(403, """{"errcode":"M_USER_SUSPENDED","error":"x"}""")).Reason);
    }

    [Theory]
    [InlineData("""{"errcode":"M_USER_LOCKED","error":"x"}""", "missing")]
    [InlineData("""{"errcode":"M_USER_LOCKED","error":"x","soft_logout":"true"}""", "\"true\", not the JSON boolean")]
    [InlineData("""{"errcode":"M_USER_LOCKED","error":"x","soft_logout":false}""", "false")]
    public void Soft_logout_must_be_the_boolean_true(string body, string expected)
    {
        var j = LockedAnswer.SoftLogout(Response(401, body));
        Assert.Equal(Verdict.Fail, j.Verdict);
        Assert.Contains(expected, j.Reason);
    }

    [Fact]
    public void Standard_error_needs_both_strings_and_a_json_content_type()
    {
        Assert.Contains("no string error", LockedAnswer.StandardError(Response(401, """{"errcode":"M_USER_LOCKED","soft_logout":true}""")).Reason);
        Assert.Contains("text/plain", LockedAnswer.StandardError(Response(401, Locked.Text, "text/plain")).Reason);
        Assert.Contains("not a JSON object", LockedAnswer.StandardError(Response(401, "locked", "text/plain")).Reason);
    }

    [Theory]
    [InlineData(400, "M_BAD_JSON")]
    [InlineData(400, "M_MISSING_PARAM")]
    [InlineData(404, "M_NOT_FOUND")]
    [InlineData(413, "M_TOO_LARGE")]
    public void Validation_before_authentication_is_inconclusive(int status, string errcode)
    {
        var j = LockedAnswer.Preliminary(Response(status, $$"""{"errcode":"{{errcode}}","error":"x"}"""), null);
        Assert.Equal(Verdict.Inconclusive, j!.Verdict);
        Assert.Contains("before looking at the token", j.Reason);
    }

    [Fact]
    public void Unknown_route_is_a_skip_only_when_it_is_unknown_without_a_token_too()
    {
        var unrecognized = Response(404, """{"errcode":"M_UNRECOGNIZED","error":"x"}""");
        var skip = LockedAnswer.Preliminary(unrecognized, unrecognized);
        Assert.Equal(Verdict.Skip, skip!.Verdict);
        Assert.Contains("with no token: 404 M_UNRECOGNIZED", skip.Detection);

        // Without a token the route demands one: it exists, and the locked token got the wrong answer.
        var missingToken = Response(401, """{"errcode":"M_MISSING_TOKEN","error":"x"}""");
        Assert.Null(LockedAnswer.Preliminary(unrecognized, missingToken));
        Assert.Equal(Verdict.Fail, LockedAnswer.Status(unrecognized).Verdict);
    }

    [Fact]
    public void No_response_is_an_error_and_rate_limiting_inconclusive()
    {
        Assert.Equal(Verdict.Error, LockedAnswer.Preliminary(Response(0, null, networkError: "timed out after 10 s"), null)!.Verdict);
        Assert.Equal(Verdict.Inconclusive, LockedAnswer.Preliminary(Response(429, """{"errcode":"M_LIMIT_EXCEEDED","error":"x"}"""), null)!.Verdict);
    }

    [Fact]
    public void Complete_reports_a_breach_that_the_checks_level_settles()
    {
        var bypass = LockedAnswer.Complete(Response(200, "{}"));
        Assert.True(bypass.IsBreach);
        Assert.Equal(Verdict.Fail, bypass.AtLevel(CheckLevels.Must).Verdict);
        Assert.Equal(Verdict.Warn, bypass.AtLevel(CheckLevels.Should).Verdict);

        var forbidden = LockedAnswer.Complete(Response(403, """{"errcode":"M_FORBIDDEN","error":"x"}"""));
        Assert.True(forbidden.IsBreach);
        Assert.Contains("the lock requires 401", forbidden.Reason);
        Assert.Contains("errcode is M_FORBIDDEN", forbidden.Reason);
        Assert.Contains("soft_logout is missing", forbidden.Reason);
        Assert.False(LockedAnswer.Complete(Locked).IsBreach);
    }
}
