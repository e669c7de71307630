using System.Diagnostics;
using System.Text.RegularExpressions;
using Connctd.Connector.Sdk.Testing;

namespace LampConnector.Demo;

/// <summary>Prints the demo's steps, exchanges and checks, and keeps the score.</summary>
internal sealed partial class DemoConsole(TextWriter output)
{
    private const int MaxBodyLength = 160;
    private readonly Lock _gate = new();
    private readonly List<(string Step, string Check, bool Passed)> _checks = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string _step = "";
    private int _stepNumber;

    public int Failed
    {
        get
        {
            lock (_gate)
            {
                return _checks.Count(check => !check.Passed);
            }
        }
    }

    public void Title(string text)
    {
        Write(text);
        Write(new string('=', text.Length));
    }

    public void Step(string title)
    {
        _step = title;
        _stepNumber++;
        Write("");
        Write($"[{_stepNumber}] {title}");
    }

    public void Info(string text) => Write("    " + text);

    public void Sent(CallbackResponse response)
    {
        string body = response.RequestBody is null ? "" : "  " + MaskTokens(response.RequestBody);
        string signing = response.Signing == CallbackSigning.Valid ? "" : $"  ({Describe(response.Signing)})";
        Write($"    → {response.Method} {response.Target}{body}{signing}");
        string answer = response.Body.Length == 0 ? "" : "  " + response.Body;
        Write($"    ← {response.StatusCode}{answer}");
    }

    public void Received(IEnumerable<RecordedRequest> requests)
    {
        RecordedRequest[] list = requests.ToArray();
        if (list.Length == 0)
        {
            Write("    platform received: nothing");
            return;
        }

        Write("    platform received:");
        foreach (RecordedRequest request in list)
        {
            string body = request.Body is null ? "" : "  " + Shorten(request.Body);
            Write($"      {request.Method} {request.Path}{body}  → {(request.StatusCode == 0 ? "dropped" : request.StatusCode)}");
        }
    }

    public void Connector(string line) => Write("    connector │ " + line);

    public bool Check(string description, bool passed)
    {
        lock (_gate)
        {
            _checks.Add((_step, description, passed));
        }

        Write($"    {(passed ? "✔" : "✘")} {description}");
        return passed;
    }

    public void Summary()
    {
        (string Step, string Check, bool Passed)[] checks;
        lock (_gate)
        {
            checks = [.. _checks];
        }

        int passed = checks.Count(check => check.Passed);
        Write("");
        Write($"Summary: {passed} of {checks.Length} checks passed in {_clock.Elapsed.TotalSeconds:0.0} s.");
        foreach ((string step, string check, bool ok) in checks.Where(check => !check.Passed))
        {
            Write($"  ✘ {step}: {check}");
        }

        Write(checks.Length > 0 && passed == checks.Length
            ? "The connector speaks the whole protocol. Next: samples/LampConnector/README.md."
            : "Some expectations failed; the lines marked ✘ above say which.");
    }

    private static string Describe(CallbackSigning signing) => signing switch
    {
        CallbackSigning.WrongKey => "signed with a key that is not the publication's",
        CallbackSigning.StaleDate => "correctly signed, but dated one hour ago",
        CallbackSigning.TamperedBody => "body changed after signing",
        CallbackSigning.MissingSignature => "no Signature header",
        CallbackSigning.MissingDate => "no Date header",
        _ => signing.ToString(),
    };

    private static string Shorten(string text) => text.Length <= MaxBodyLength ? text : string.Concat(text.AsSpan(0, MaxBodyLength), "…");

    private static string MaskTokens(string json) => TokenPattern().Replace(json, "\"token\":\"•••\"");

    [GeneratedRegex("\"token\":\"[^\"]*\"")]
    private static partial Regex TokenPattern();

    private void Write(string line)
    {
        lock (_gate)
        {
            output.WriteLine(line);
        }
    }
}
