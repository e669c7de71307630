// The SDK's activity source and meter are found by name, and an OpenTelemetry provider listens to every source and
// meter of that name in the process: two hosts running at once would each see the other's spans and measurements
// (and a host's meters ending would end the other's metric streams). One test at a time, so each sees only its own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
