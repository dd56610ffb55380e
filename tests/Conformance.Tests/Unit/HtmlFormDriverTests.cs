using Conformance.Harness.OAuth;
using Xunit;

namespace Conformance.Tests.Unit;

public sealed class HtmlFormDriverTests
{
    [Fact]
    public void Login_forms_get_username_password_and_hidden_fields()
    {
        const string html = """
            <form method="post" action="/login"><input type="hidden" name="csrf" value="tok">
            <input name="username"><input type="password" name="password"><button type="submit">Continue</button></form>
            """;
        var s = HtmlFormDriver.Fill(html, new Uri("http://127.0.0.1:1/login?next=x"), "alice", "pw")!;
        Assert.Equal("POST", s.Method);
        Assert.Equal("http://127.0.0.1:1/login", s.Action.ToString());
        Assert.Equal(["csrf=tok", "username=alice", "password=pw"], s.Fields.Select(f => $"{f.Key}={f.Value}"));
    }

    [Fact]
    public void The_password_form_wins_and_checkboxes_are_ticked()
    {
        const string html = """
            <form action="/search"><input name="q"></form>
            <form method="POST"><input name="identifier"><input type="password" name="pw"><input type="checkbox" name="remember"><button name="action" value="login">Go</button></form>
            """;
        var s = HtmlFormDriver.Fill(html, new Uri("http://127.0.0.1:1/account/login"), "alice", "pw")!;
        Assert.Equal("http://127.0.0.1:1/account/login", s.Action.ToString());
        Assert.Equal(["identifier=alice", "pw=pw", "remember=on", "action=login"], s.Fields.Select(f => $"{f.Key}={f.Value}"));
    }

    [Fact]
    public void A_page_without_a_form_gives_nothing() => Assert.Null(HtmlFormDriver.Fill("<p>hello</p>", new Uri("http://h/"), "a", "b"));
}
