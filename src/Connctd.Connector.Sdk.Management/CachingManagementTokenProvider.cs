using Connctd.Connector.Sdk.Management.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// A token provider that caches its token and fetches a new one shortly before it expires, one request at a time:
/// however many calls need a token at once, only one token request is sent, and they all get its result. A caller
/// that cancels stops waiting without cancelling the request the others wait for.
/// </summary>
/// <remarks>
/// <para>The expiry is read from the token itself when it is a JWT with an <c>exp</c> claim (System.IdentityModel.Tokens.Jwt),
/// else from what the token endpoint said (<see cref="ManagementToken.ExpiresAt"/>, from <c>expires_in</c>), else a
/// default lifetime is assumed. A new token is fetched once the refresh margin before the expiry is reached (but not
/// before half of the token's lifetime has passed).</para>
/// <para>When fetching a new token fails for a reason that may pass (a timeout, a 5xx answer) while the cached token
/// is still valid, the cached token keeps being used until it expires. Refused credentials are never hidden that way.</para>
/// </remarks>
public abstract class CachingManagementTokenProvider : ManagementTokenProvider
{
    private readonly Lock _lock = new();
    private readonly TimeSpan _refreshMargin;
    private readonly TimeSpan _defaultLifetime;
    private Entry? _cached;
    private Task<Entry>? _refresh;

    /// <summary>Creates the cache.</summary>
    /// <param name="refreshMargin">How long before the expiry a new token is fetched; not negative.</param>
    /// <param name="defaultLifetime">How long a token that tells nothing of its expiry is used; positive.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where to log; nothing is logged when <see langword="null"/>. Tokens are never logged.</param>
    protected CachingManagementTokenProvider(TimeSpan refreshMargin, TimeSpan defaultLifetime, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(refreshMargin, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(defaultLifetime, TimeSpan.Zero);
        _refreshMargin = refreshMargin;
        _defaultLifetime = defaultLifetime;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The clock.</summary>
    protected TimeProvider TimeProvider { get; }

    /// <summary>Where to log.</summary>
    protected ILogger Logger { get; }

    /// <summary>What the provider fetches, for logs and errors, for example <c>Login</c>.</summary>
    protected abstract string Operation { get; }

    /// <inheritdoc />
    public override bool CanRenew => true;

    /// <inheritdoc />
    public override async ValueTask<ManagementToken> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Task<Entry> refresh;
        lock (_lock)
        {
            if (_cached is { } cached && TimeProvider.GetUtcNow() < cached.RefreshAt)
            {
                return cached.Token;
            }

            if (_refresh is null || _refresh.IsCompleted)
            {
                _refresh = RefreshAsync(_cached);
            }

            refresh = _refresh;
        }

        Entry entry = await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        return entry.Token;
    }

    /// <inheritdoc />
    public override void Invalidate(ManagementToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_lock)
        {
            if (_cached is { } cached && cached.Token.Equals(token))
            {
                _cached = null;
            }
        }
    }

    /// <summary>
    /// Fetches a new token. Called by one caller at a time, never concurrently. Set
    /// <see cref="ManagementToken.ExpiresAt"/> when the token endpoint said how long the token lives.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request (when the provider is abandoned); callers that stop waiting do not cancel it.</param>
    /// <returns>The new token.</returns>
    /// <exception cref="ManagementException">The request failed.</exception>
    protected abstract Task<ManagementToken> RequestTokenAsync(CancellationToken cancellationToken);

    private async Task<Entry> RefreshAsync(Entry? previous)
    {
        // Leave the caller's lock before doing any work.
        await Task.Yield();
        Log.TokenRequesting(Logger, Operation);
        ManagementToken fetched;
        try
        {
            fetched = await RequestTokenAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ManagementException exception) when (exception is not ManagementAuthenticationException
            && previous is not null && TimeProvider.GetUtcNow() < previous.ExpiresAt)
        {
            DateTimeOffset now = TimeProvider.GetUtcNow();
            Log.TokenRefreshFailedUsingCached(Logger, Operation, exception.Status, exception.ErrorCode, (long)(previous.ExpiresAt - now).TotalSeconds);
            var kept = previous with { RefreshAt = now + ((previous.ExpiresAt - now) / 2) };
            lock (_lock)
            {
                _cached = kept;
            }

            return kept;
        }

        DateTimeOffset obtained = TimeProvider.GetUtcNow();
        DateTimeOffset? fromJwt = JwtExpiry.TryRead(fetched.Reveal());
        DateTimeOffset expiresAt = fromJwt ?? fetched.ExpiresAt ?? obtained + _defaultLifetime;
        string source = fromJwt is not null ? "jwt" : fetched.ExpiresAt is not null ? "expires_in" : "default";
        TimeSpan lifetime = expiresAt - obtained;
        DateTimeOffset refreshAt;
        if (lifetime <= TimeSpan.Zero)
        {
            Log.TokenAlreadyExpired(Logger, Operation, source);
            refreshAt = obtained;
        }
        else
        {
            TimeSpan margin = _refreshMargin < lifetime / 2 ? _refreshMargin : lifetime / 2;
            refreshAt = expiresAt - margin;
        }

        Log.TokenObtained(Logger, Operation, expiresAt, source);
        var entry = new Entry(new ManagementToken(fetched.Reveal(), expiresAt), expiresAt, refreshAt);
        lock (_lock)
        {
            _cached = entry;
        }

        return entry;
    }

    private sealed record Entry(ManagementToken Token, DateTimeOffset ExpiresAt, DateTimeOffset RefreshAt);
}
