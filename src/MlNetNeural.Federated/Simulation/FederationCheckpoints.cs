using Microsoft.Extensions.DependencyInjection;
using MlNetNeural.Federated.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace MlNetNeural.Federated.Simulation;

/// <summary>
/// The grain storage <see cref="FederatedSilos.StorageName"/> of a <see cref="LocalFederation"/>: held by the federation
/// object and shared by all of its silos, so that the coordinator's checkpoint outlives every silo, as a durable store
/// does in a real deployment.
/// </summary>
/// <remarks>
/// Orleans' memory storage keeps state in grains of the cluster itself, and a grain's activation is dropped when the
/// silo that holds it, or the silo that owns its grain-directory entry, stops. With it a coordinator that restarted after
/// a site's silo was killed could find no study at all (and its client waited for one).
/// </remarks>
internal sealed class FederationCheckpoints
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string ETag, byte[] State)> _entries = new(StringComparer.Ordinal);

    /// <summary>Registers this store on a silo of the federation as grain storage <see cref="FederatedSilos.StorageName"/>.</summary>
    /// <param name="silo">The silo being configured.</param>
    public void AddTo(ISiloBuilder silo) =>
        silo.Services.AddGrainStorage(FederatedSilos.StorageName, (services, _) => new SiloStorage(this, services.GetRequiredService<Serializer>()));

    private bool TryRead(string key, out (string ETag, byte[] State) entry)
    {
        lock (_gate) return _entries.TryGetValue(key, out entry);
    }

    /// <summary>Stores <paramref name="state"/> if <paramref name="etag"/> is the stored version's (null when there is none); returns the new version.</summary>
    private string Write(string key, string? etag, byte[] state)
    {
        lock (_gate)
        {
            string? stored = _entries.TryGetValue(key, out var entry) ? entry.ETag : null;
            if (stored != etag)
                throw new InconsistentStateException($"The checkpoint '{key}' was changed by another writer (version {stored ?? "none"}, written from {etag ?? "none"}).", stored, etag);
            string next = Guid.NewGuid().ToString("N");
            _entries[key] = (next, state);
            return next;
        }
    }

    private void Clear(string key, string? etag)
    {
        lock (_gate)
        {
            string? stored = _entries.TryGetValue(key, out var entry) ? entry.ETag : null;
            if (stored != etag)
                throw new InconsistentStateException($"The checkpoint '{key}' was changed by another writer (version {stored ?? "none"}, cleared from {etag ?? "none"}).", stored, etag);
            _entries.Remove(key);
        }
    }

    /// <summary>One silo's view of the store: states cross it serialized by that silo, so no silo shares an object with another.</summary>
    private sealed class SiloStorage(FederationCheckpoints store, Serializer serializer) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (store.TryRead(Key(stateName, grainId), out var entry))
            {
                grainState.State = serializer.Deserialize<T>(entry.State);
                grainState.ETag = entry.ETag;
                grainState.RecordExists = true;
            }
            else
            {
                Reset(grainState);
            }
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            grainState.ETag = store.Write(Key(stateName, grainId), grainState.ETag, serializer.SerializeToArray(grainState.State));
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            store.Clear(Key(stateName, grainId), grainState.ETag);
            Reset(grainState);
            return Task.CompletedTask;
        }

        private static void Reset<T>(IGrainState<T> grainState)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
    }
}
