using Connctd.Connector.Sdk.LoadDriver;

// `serve --public-key <base64> --app <app> --store <name> [--host-setting <s>]…` is the child process of --self-host
// (see ServerSpec); everything else drives load (see DriverOptions.Usage).
if (args.Length > 0 && args[0] == "serve")
{
    try
    {
        (string publicKey, ServerSpec spec) = ServerSpec.Parse(args[1..]);
        return await SelfHostServer.RunAsync(publicKey, spec);
    }
    catch (ArgumentException exception)
    {
        Console.Error.WriteLine(exception.Message);
        return 2;
    }
}

DriverOptions options;
try
{
    options = DriverOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(DriverOptions.Usage);
    return 2;
}

// Self-hosted: run again pinned to CPU 1 (the server goes to CPU 0), so both sides get one whole core each.
if ((options.SelfHost || options.IsComparison) && options.Pin && !Pinning.IsPinnedProcess && Pinning.Unavailable() is null)
{
    using System.Diagnostics.Process pinned = Pinning.Start(args, cpu: 1, redirect: false, new Dictionary<string, string> { [Pinning.PinnedVariable] = "1" });
    await pinned.WaitForExitAsync();
    return pinned.ExitCode;
}

return options.IsComparison ? await Comparison.RunAsync(options) : await Driver.RunAsync(options);
