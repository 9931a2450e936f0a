using MlNetNeural.Federated.Grains;
using Orleans.Serialization;

namespace MlNetNeural.Federated.Coordination;

/// <summary>
/// Calls sites in parallel with a deadline, turning every failure (an exception, an unreachable silo, a missed deadline)
/// into a <see cref="SiteDrop"/>, and counts the payload bytes of requests and replies as Orleans serializes them.
/// </summary>
internal sealed class SiteCalls(IGrainFactory grains, Serializer serializer)
{
    /// <summary>Payload bytes sent to sites since the counter was last reset.</summary>
    public long BytesToSites { get; private set; }

    /// <summary>Payload bytes received from sites since the counter was last reset.</summary>
    public long BytesFromSites { get; private set; }

    /// <summary>Sets both byte counters to 0.</summary>
    public void ResetTraffic() => (BytesToSites, BytesFromSites) = (0, 0);

    /// <summary>Calls <paramref name="call"/> on every site at once; returns the replies of those that answered in time and the drops of the others.</summary>
    /// <param name="sites">The sites to ask.</param>
    /// <param name="step">The step's name, for drops and logs.</param>
    /// <param name="deadline">How long every site has.</param>
    /// <param name="request">The request each site gets (for the byte count; one per site).</param>
    /// <param name="call">The grain call.</param>
    public async Task<(List<(string Site, TReply Reply)> Replies, List<SiteDrop> Drops)> CallAll<TRequest, TReply>(
        IReadOnlyList<string> sites, string step, TimeSpan deadline, Func<string, TRequest> request,
        Func<IFederatedSiteGrain, TRequest, CancellationToken, Task<TReply>> call)
    {
        var calls = sites.Select(site => CallOne(site, step, deadline, request(site), call)).ToArray();
        var outcomes = await Task.WhenAll(calls);
        var replies = new List<(string, TReply)>();
        var drops = new List<SiteDrop>();
        foreach (var (site, reply, drop) in outcomes)
        {
            if (drop is null) replies.Add((site, reply!));
            else drops.Add(drop);
        }
        return (replies, drops);
    }

    private async Task<(string Site, TReply? Reply, SiteDrop? Drop)> CallOne<TRequest, TReply>(
        string site, string step, TimeSpan deadline, TRequest request, Func<IFederatedSiteGrain, TRequest, CancellationToken, Task<TReply>> call)
    {
        BytesToSites += serializer.SerializeToArray(request).Length;
        using var cancellation = new CancellationTokenSource(deadline);
        try
        {
            var reply = await call(grains.GetGrain<IFederatedSiteGrain>(site), request, cancellation.Token).WaitAsync(deadline);
            BytesFromSites += serializer.SerializeToArray(reply).Length;
            return (site, reply, null);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && cancellation.IsCancellationRequested))
        {
            return (site, default, new SiteDrop(site, step, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"missed the {step} deadline of {deadline.TotalSeconds:0.###} s")));
        }
        catch (Exception e)
        {
            return (site, default, new SiteDrop(site, step, $"{e.GetType().Name}: {FirstLine(e.Message)}"));
        }
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOf('\n');
        return (end < 0 ? message : message[..end]).TrimEnd().TrimEnd('.');
    }
}
