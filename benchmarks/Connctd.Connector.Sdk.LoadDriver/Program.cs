using Connctd.Connector.Sdk.LoadDriver;

// `serve --public-key <base64> --store <name>` is the child process of --self-host; everything else drives load
// (see DriverOptions.Usage).
if (args.Length > 0 && args[0] == "serve")
{
    int key = Array.IndexOf(args, "--public-key");
    int store = Array.IndexOf(args, "--store");
    return key > 0 && key + 1 < args.Length
        ? await SelfHostServer.RunAsync(args[key + 1], store > 0 && store + 1 < args.Length ? args[store + 1] : "sqlite")
        : 2;
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
if (options.SelfHost && options.Pin && !Pinning.IsPinnedProcess && Pinning.Unavailable() is null)
{
    using System.Diagnostics.Process pinned = Pinning.Start(args, cpu: 1, redirect: false, new Dictionary<string, string> { [Pinning.PinnedVariable] = "1" });
    await pinned.WaitForExitAsync();
    return pinned.ExitCode;
}

return await Driver.RunAsync(options);
