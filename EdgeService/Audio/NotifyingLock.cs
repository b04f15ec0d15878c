namespace EdgeService.Audio;

/// <summary>
/// A lock whose holders post notifications that are delivered after the outermost hold ends, in the order posted:
/// state is changed under the lock, and handlers (the status LED writes GPIO) never run inside it, so they may call
/// back into the owner from any thread. One thread delivers at a time; a thread that finds another delivering leaves
/// its notifications to that one, which looks again after letting go, so a handler that waits on a thread using the
/// owner never deadlocks. Reentrant, like <see cref="Lock"/>.
/// </summary>
/// <typeparam name="TNotification">What is delivered.</typeparam>
/// <param name="deliver">Delivers one notification (raises the owner's event).</param>
internal sealed class NotifyingLock<TNotification>(Action<TNotification> deliver)
    where TNotification : class
{
    private readonly Lock _lock = new();
    private readonly Lock _delivering = new();
    private readonly Queue<TNotification> _pending = new(); // guarded by _lock

    /// <summary>Takes the lock (use with <c>using</c>); leaving the outermost hold delivers what was posted.</summary>
    public Scope Enter()
    {
        _lock.Enter();
        return new Scope(this);
    }

    /// <summary>Queues <paramref name="notification"/>, delivered once no hold of this thread is left.</summary>
    public void Post(TNotification notification)
    {
        using (Enter())
        {
            _pending.Enqueue(notification);
        }
    }

    private void DeliverPending()
    {
        while (_delivering.TryEnter())
        {
            try
            {
                while (Take() is { } next)
                {
                    deliver(next);
                }
            }
            finally
            {
                _delivering.Exit();
            }

            using (_lock.EnterScope())
            {
                if (_pending.Count == 0)
                {
                    return;
                }
            }
        }
    }

    private TNotification? Take()
    {
        using (_lock.EnterScope())
        {
            return _pending.TryDequeue(out var next) ? next : null;
        }
    }

    /// <summary>One hold of the lock.</summary>
    public readonly ref struct Scope(NotifyingLock<TNotification> owner)
    {
        /// <summary>Releases the hold; the outermost one delivers what was posted.</summary>
        public void Dispose()
        {
            owner._lock.Exit();
            if (!owner._lock.IsHeldByCurrentThread)
            {
                owner.DeliverPending();
            }
        }
    }
}
