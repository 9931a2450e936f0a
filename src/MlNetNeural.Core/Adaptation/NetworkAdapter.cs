using System.Buffers.Binary;
using System.Security.Cryptography;
using MlNetNeural.Core.IO;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Serialization;

namespace MlNetNeural.Core.Adaptation;

/// <summary>
/// What fine-tuning changed in a network, stored apart from it: for each layer of the tuned network, "the base network's
/// layer", "the base layer plus low-rank factors A and B" (<see cref="LoraDenseLayer"/>) or a whole new layer (a new output
/// layer, a layer that trained fully). With LoRA the adapter is a few kilobytes; <see cref="ApplyTo"/> rebuilds the tuned
/// network from it and the base network, after checking that the base is the network it was made from (a SHA-256
/// fingerprint of the base network's file form). Caller-defined metadata (e.g. class names) travels with it.
/// </summary>
public sealed class NetworkAdapter
{
    private const uint Version = 1;
    private const int FingerprintBytes = 32;
    private static ReadOnlySpan<byte> Magic => "MLNA"u8;

    private readonly Entry[] _entries;

    private NetworkAdapter(byte[] baseFingerprint, Entry[] entries, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        BaseFingerprint = Convert.ToHexStringLower(baseFingerprint);
        _entries = entries;
        Metadata = metadata;
    }

    /// <summary>SHA-256 of the base network's file form, as hexadecimal.</summary>
    public string BaseFingerprint { get; }

    /// <summary>Name/value pairs stored with the adapter by whoever made it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; }

    /// <summary>Layers of the tuned network.</summary>
    public int LayerCount => _entries.Length;

    /// <summary>Values the adapter stores: the LoRA factors and the weights of whole new layers.</summary>
    public long StoredValueCount => _entries.Sum(entry => entry.StoredValues);

    /// <summary>One line per layer of the tuned network: where it comes from.</summary>
    public IReadOnlyList<string> Describe() => _entries.Select((entry, i) => $"layer {i}: {entry.Describe()}").ToArray();

    /// <summary>The SHA-256 fingerprint (hexadecimal) that an adapter records for <paramref name="network"/> as its base.</summary>
    /// <param name="network">A network.</param>
    public static string Fingerprint(Network network) => Convert.ToHexStringLower(FingerprintBytesOf(network));

    /// <summary>The adapter that turns <paramref name="baseNetwork"/> into <paramref name="tuned"/>, layer by layer at equal positions.</summary>
    /// <param name="baseNetwork">The network fine-tuning started from.</param>
    /// <param name="tuned">The fine-tuned network.</param>
    /// <param name="metadata">Name/value pairs to store with it, or null.</param>
    public static NetworkAdapter Extract(Network baseNetwork, Network tuned, IReadOnlyList<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(baseNetwork);
        ArgumentNullException.ThrowIfNull(tuned);
        var entries = new Entry[tuned.Layers.Count];
        for (int i = 0; i < entries.Length; i++)
        {
            var layer = tuned.Layers[i];
            var baseLayer = i < baseNetwork.Layers.Count ? baseNetwork.Layers[i] : null;
            entries[i] = baseLayer is not null && LayerBytes(baseLayer).AsSpan().SequenceEqual(LayerBytes(layer)) ? new BaseEntry(i)
                : layer is LoraDenseLayer lora && baseLayer is DenseLayer dense && Adapts(lora, dense) ? new LoraEntry(i, lora)
                : new LayerEntry(layer);
        }
        return new NetworkAdapter(FingerprintBytesOf(baseNetwork), entries, (metadata ?? []).ToArray());
    }

    /// <summary>The tuned network: <paramref name="baseNetwork"/>'s layers with the adapter's changes (a new network; the base is not changed).</summary>
    /// <param name="baseNetwork">The network the adapter was made from.</param>
    /// <exception cref="ArgumentException">The network is not the adapter's base.</exception>
    public Network ApplyTo(Network baseNetwork)
    {
        ArgumentNullException.ThrowIfNull(baseNetwork);
        string fingerprint = Fingerprint(baseNetwork);
        if (fingerprint != BaseFingerprint)
            throw new ArgumentException(
                $"This adapter was made for a different base network (fingerprint {BaseFingerprint[..16]}…), but the network given has fingerprint {fingerprint[..16]}…. Apply it to the exact network it was fine-tuned from.",
                nameof(baseNetwork));
        var copy = baseNetwork.Copy();
        return new Network(_entries.Select(entry => entry.Build(copy)).ToArray());
    }

    /// <summary>The adapter's file form: magic "MLNA", uint32 version, the 32-byte base fingerprint, the metadata, the layer entries, and an FNV-1a checksum.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(Convert.FromHexString(BaseFingerprint));
            writer.Write(Metadata.Count);
            foreach (var (name, value) in Metadata)
            {
                WriteString(writer, name);
                WriteString(writer, value);
            }
            writer.Write(_entries.Length);
            foreach (var entry in _entries) entry.Write(writer);
        }
        Span<byte> hash = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(hash, NetworkFormat.Fnv1a(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
        stream.Write(hash);
        return stream.ToArray();
    }

    /// <summary>Reads an adapter written by <see cref="ToBytes"/>.</summary>
    /// <param name="bytes">The adapter's file form.</param>
    /// <exception cref="InvalidNetworkFileException">The data is not a valid adapter.</exception>
    public static NetworkAdapter FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Magic.Length + sizeof(uint) + sizeof(ulong) || !bytes[..Magic.Length].SequenceEqual(Magic))
            throw new InvalidNetworkFileException("This is not an MlNetNeural adapter: the data does not start with the 'MLNA' signature.");
        if (NetworkFormat.Fnv1a(bytes[..^sizeof(ulong)]) != BinaryPrimitives.ReadUInt64LittleEndian(bytes[^sizeof(ulong)..]))
            throw new InvalidNetworkFileException("The adapter is corrupt or truncated: its checksum does not match its contents.");
        using var body = new MemoryStream(bytes[..^sizeof(ulong)].ToArray(), writable: false) { Position = Magic.Length };
        var reader = new NetworkReader(body, body.Length - Magic.Length);
        uint version = reader.ReadUInt32("adapter format version");
        if (version != Version)
            throw new InvalidNetworkFileException($"The adapter was saved in format version {version}; this MlNetNeural reads version {Version}. Upgrade MlNetNeural to load it.");
        byte[] fingerprint = reader.ReadBytes(FingerprintBytes, "base fingerprint");
        int metadataCount = reader.ReadInt32("metadata count");
        if (metadataCount < 0 || metadataCount > reader.Remaining / 8)
            throw new InvalidNetworkFileException($"The adapter is corrupt: it declares {metadataCount} metadata entries.");
        var metadata = new KeyValuePair<string, string>[metadataCount];
        for (int i = 0; i < metadataCount; i++) metadata[i] = new(reader.ReadString("metadata name"), reader.ReadString("metadata value"));
        int count = reader.ReadInt32("layer count");
        if (count < 1 || count > NetworkFormat.MaxLayers)
            throw new InvalidNetworkFileException($"The adapter is corrupt: it declares {count} layers.");
        var entries = new Entry[count];
        for (int i = 0; i < count; i++) entries[i] = Entry.Read(ref reader, i);
        if (!reader.AtEnd) throw new InvalidNetworkFileException($"The adapter is corrupt: {reader.Remaining} unexpected bytes follow its last layer.");
        return new NetworkAdapter(fingerprint, entries, metadata);
    }

    /// <summary>Saves the adapter to <paramref name="path"/> all or nothing (<see cref="AtomicFile"/>).</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path)
    {
        byte[] bytes = ToBytes();
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Loads an adapter saved by <see cref="Save"/>.</summary>
    /// <param name="path">The file to read.</param>
    public static NetworkAdapter Load(string path)
    {
        try
        {
            return FromBytes(File.ReadAllBytes(path));
        }
        catch (InvalidNetworkFileException e)
        {
            throw new InvalidNetworkFileException($"{path}: {e.Message}");
        }
    }

    private static byte[] FingerprintBytesOf(Network network) => SHA256.HashData(NetworkSerializer.ToBytes(network));

    private static byte[] LayerBytes(Layer layer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream)) NetworkSerializer.WriteLayer(writer, layer);
        return stream.ToArray();
    }

    private static bool Adapts(LoraDenseLayer lora, DenseLayer dense) =>
        lora.Activation == dense.Activation && lora.InputSize == dense.InputSize && lora.OutputSize == dense.OutputSize
        && lora.BaseWeights.SequenceEqual(dense.Weights.Values) && lora.BaseBias.SequenceEqual(dense.Bias.Values);

    private static void WriteString(BinaryWriter writer, string value)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(value);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>Where one layer of the tuned network comes from.</summary>
    private abstract class Entry
    {
        public abstract long StoredValues { get; }

        public abstract string Describe();

        public abstract Layer Build(Network baseNetwork);

        public abstract void Write(BinaryWriter writer);

        public static Entry Read(ref NetworkReader reader, int index)
        {
            byte kind = reader.ReadByte($"kind of adapter entry {index}");
            return kind switch
            {
                BaseEntry.Kind => new BaseEntry(reader.ReadInt32($"base layer of adapter entry {index}")),
                LoraEntry.Kind => LoraEntry.ReadFields(ref reader, index),
                LayerEntry.Kind => new LayerEntry(NetworkSerializer.ReadLayer(ref reader, index)),
                _ => throw new InvalidNetworkFileException($"Adapter entry {index} has kind {kind}, which this MlNetNeural does not know. Upgrade MlNetNeural to load it."),
            };
        }

        protected static Layer BaseLayer(Network baseNetwork, int index) =>
            index >= 0 && index < baseNetwork.Layers.Count ? baseNetwork.Layers[index]
                : throw new ArgumentException($"The adapter refers to base layer {index}, but the base network has {baseNetwork.Layers.Count} layers.");
    }

    /// <summary>The base network's layer, unchanged.</summary>
    private sealed class BaseEntry(int baseIndex) : Entry
    {
        public const byte Kind = 0;

        public override long StoredValues => 0;

        public override string Describe() => $"base layer {baseIndex}";

        public override Layer Build(Network baseNetwork) => BaseLayer(baseNetwork, baseIndex);

        public override void Write(BinaryWriter writer)
        {
            writer.Write(Kind);
            writer.Write(baseIndex);
        }
    }

    /// <summary>A dense base layer with low-rank factors A and B.</summary>
    private sealed class LoraEntry : Entry
    {
        public const byte Kind = 1;
        private readonly int _baseIndex;
        private readonly int _rank;
        private readonly float _alpha;
        private readonly float[] _a;
        private readonly float[] _b;

        public LoraEntry(int baseIndex, LoraDenseLayer layer)
            : this(baseIndex, layer.Rank, layer.Alpha, (float[])layer.A.Values.Clone(), (float[])layer.B.Values.Clone())
        {
        }

        private LoraEntry(int baseIndex, int rank, float alpha, float[] a, float[] b)
        {
            _baseIndex = baseIndex;
            _rank = rank;
            _alpha = alpha;
            _a = a;
            _b = b;
        }

        public override long StoredValues => _a.Length + _b.Length;

        public override string Describe() => $"base layer {_baseIndex} with LoRA rank {_rank} (alpha {_alpha})";

        public override Layer Build(Network baseNetwork)
        {
            if (BaseLayer(baseNetwork, _baseIndex) is not DenseLayer dense)
                throw new ArgumentException($"The adapter's LoRA factors belong to base layer {_baseIndex}, which is not a dense layer.");
            var layer = new LoraDenseLayer(dense, _rank, _alpha);
            if (layer.A.Values.Length != _a.Length || layer.B.Values.Length != _b.Length)
                throw new ArgumentException($"The adapter's LoRA factors for layer {_baseIndex} do not fit a {dense.InputSize} → {dense.OutputSize} layer.");
            _a.CopyTo(layer.A.Values, 0);
            _b.CopyTo(layer.B.Values, 0);
            return layer;
        }

        public override void Write(BinaryWriter writer)
        {
            writer.Write(Kind);
            writer.Write(_baseIndex);
            writer.Write(_rank);
            writer.Write(_alpha);
            writer.Write(_a.Length);
            writer.Write(_b.Length);
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_a.AsSpan()));
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_b.AsSpan()));
        }

        public static LoraEntry ReadFields(ref NetworkReader reader, int index)
        {
            int baseIndex = reader.ReadInt32($"base layer of adapter entry {index}");
            int rank = reader.ReadInt32($"LoRA rank of adapter entry {index}");
            float alpha = reader.ReadSingle($"LoRA alpha of adapter entry {index}");
            int aLength = reader.ReadInt32($"size of LoRA A of adapter entry {index}");
            int bLength = reader.ReadInt32($"size of LoRA B of adapter entry {index}");
            if (rank < 1 || !(float.IsFinite(alpha) && alpha > 0f))
                throw new InvalidNetworkFileException($"The adapter is corrupt: entry {index} has LoRA rank {rank} and alpha {alpha}.");
            return new LoraEntry(baseIndex, rank, alpha, reader.ReadSingles(aLength, $"LoRA A of adapter entry {index}"), reader.ReadSingles(bLength, $"LoRA B of adapter entry {index}"));
        }
    }

    /// <summary>A whole layer (new, or trained fully).</summary>
    private sealed class LayerEntry(Layer layer) : Entry
    {
        public const byte Kind = 2;

        public override long StoredValues => layer.Parameters.Sum(p => (long)p.Values.Length);

        public override string Describe() => $"new {layer.Description}";

        public override Layer Build(Network baseNetwork) => NetworkSerializer.FromBytes(NetworkSerializer.ToBytes(new Network([layer]))).Layers[0];

        public override void Write(BinaryWriter writer)
        {
            writer.Write(Kind);
            NetworkSerializer.WriteLayer(writer, layer);
        }
    }
}
