using System.Buffers.Binary;
using System.Runtime.InteropServices;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Serialization;

/// <summary>Writes and reads networks in the versioned binary format described by <see cref="NetworkFormat"/>.</summary>
public static class NetworkSerializer
{
    /// <summary>Serialises <paramref name="network"/> to a byte array.</summary>
    /// <param name="network">The network to save.</param>
    public static byte[] ToBytes(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(NetworkFormat.Magic);
            writer.Write(NetworkFormat.CurrentVersion);
            writer.Write(network.Layers.Count);
            foreach (var layer in network.Layers) WriteLayer(writer, layer);
        }
        ulong hash = NetworkFormat.Fnv1a(stream.GetBuffer().AsSpan(0, (int)stream.Length));
        Span<byte> hashBytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(hashBytes, hash);
        stream.Write(hashBytes);
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="network"/> to <paramref name="stream"/>.</summary>
    /// <param name="network">The network to save.</param>
    /// <param name="stream">A writable stream.</param>
    public static void Write(Network network, Stream stream) => stream.Write(ToBytes(network));

    /// <summary>Reads a network from <paramref name="stream"/> (the rest of the stream is the network).</summary>
    /// <param name="stream">A readable stream.</param>
    /// <exception cref="InvalidNetworkFileException">The data is not a valid network.</exception>
    public static Network Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return FromBytes(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }

    /// <summary>Reads a network from bytes written by <see cref="ToBytes"/>.</summary>
    /// <param name="bytes">The serialised network.</param>
    /// <exception cref="InvalidNetworkFileException">The data is not a valid network.</exception>
    public static Network FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < NetworkFormat.Magic.Length || !bytes[..NetworkFormat.Magic.Length].SequenceEqual(NetworkFormat.Magic))
            throw new InvalidNetworkFileException("This is not an MlNetNeural network: the data does not start with the 'MLNN' signature.");
        var reader = new SpanReader(bytes[..^Math.Min(bytes.Length, sizeof(ulong))], NetworkFormat.Magic.Length);
        uint version = reader.ReadUInt32("format version");
        if (version < 1 || version > NetworkFormat.CurrentVersion)
            throw new InvalidNetworkFileException($"The network was saved in format version {version}; this MlNetNeural reads versions 1 to {NetworkFormat.CurrentVersion}. Upgrade MlNetNeural to load it.");
        if (bytes.Length < NetworkFormat.Magic.Length + 4 + sizeof(ulong))
            throw new InvalidNetworkFileException("The network data is truncated: it ends before its checksum.");
        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(bytes[^sizeof(ulong)..]);
        if (NetworkFormat.Fnv1a(bytes[..^sizeof(ulong)]) != stored)
            throw new InvalidNetworkFileException("The network data is corrupt or truncated: its checksum does not match its contents.");
        int layerCount = reader.ReadInt32("layer count");
        if (layerCount < 1 || layerCount > NetworkFormat.MaxLayers)
            throw new InvalidNetworkFileException($"The network data is corrupt: it declares {layerCount} layers.");
        var layers = new List<Layer>(layerCount);
        for (int i = 0; i < layerCount; i++) layers.Add(ReadLayer(ref reader, i));
        if (!reader.AtEnd) throw new InvalidNetworkFileException($"The network data is corrupt: {reader.Remaining} unexpected bytes follow the last layer.");
        try
        {
            return new Network(layers);
        }
        catch (ArgumentException e)
        {
            throw new InvalidNetworkFileException($"The network data is corrupt: {e.Message}");
        }
    }

    private static void WriteLayer(BinaryWriter writer, Layer layer)
    {
        switch (layer)
        {
            case DenseLayer dense:
                writer.Write(NetworkFormat.DenseKind);
                writer.Write(dense.InputSize);
                writer.Write(dense.OutputSize);
                writer.Write((byte)dense.Activation.Kind);
                writer.Write(dense.Activation.LeakySlope);
                writer.Write(MemoryMarshal.AsBytes(dense.Weights.Values.AsSpan()));
                writer.Write(MemoryMarshal.AsBytes(dense.Bias.Values.AsSpan()));
                break;
            case DropoutLayer dropout:
                writer.Write(NetworkFormat.DropoutKind);
                writer.Write(dropout.InputSize);
                writer.Write(dropout.Rate);
                break;
            default:
                throw new NotSupportedException($"Layers of type {layer.GetType().Name} cannot be saved.");
        }
    }

    private static Layer ReadLayer(ref SpanReader reader, int index)
    {
        byte kind = reader.ReadByte($"kind of layer {index}");
        switch (kind)
        {
            case NetworkFormat.DenseKind:
            {
                int inputs = reader.ReadInt32($"input size of layer {index}");
                int outputs = reader.ReadInt32($"output size of layer {index}");
                if (inputs < 1 || outputs < 1 || (long)inputs * outputs * sizeof(float) > reader.Remaining)
                    throw new InvalidNetworkFileException($"The network data is corrupt: layer {index} declares {inputs}×{outputs} weights but only {reader.Remaining} bytes remain.");
                byte activationCode = reader.ReadByte($"activation of layer {index}");
                if (!Enum.IsDefined((ActivationKind)activationCode))
                    throw new InvalidNetworkFileException($"Layer {index} uses activation code {activationCode}, which this MlNetNeural does not know. Upgrade MlNetNeural to load it.");
                float slope = reader.ReadSingle($"activation slope of layer {index}");
                DenseLayer layer;
                try
                {
                    layer = new DenseLayer(inputs, outputs, new Activation((ActivationKind)activationCode, slope), $"layer{index}");
                }
                catch (ArgumentException e)
                {
                    throw new InvalidNetworkFileException($"The network data is corrupt in layer {index}: {e.Message}");
                }
                reader.ReadSingles(layer.Weights.Values, $"weights of layer {index}");
                reader.ReadSingles(layer.Bias.Values, $"biases of layer {index}");
                return layer;
            }
            case NetworkFormat.DropoutKind:
            {
                int size = reader.ReadInt32($"size of layer {index}");
                float rate = reader.ReadSingle($"dropout rate of layer {index}");
                if (size < 1 || !(rate >= 0f && rate < 1f))
                    throw new InvalidNetworkFileException($"The network data is corrupt: dropout layer {index} has size {size} and rate {rate}.");
                return new DropoutLayer(size, rate);
            }
            default:
                throw new InvalidNetworkFileException($"Layer {index} has kind {kind}, which this MlNetNeural does not know. Upgrade MlNetNeural to load it.");
        }
    }

    /// <summary>Reads little-endian values with a bounds check that names what was being read.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data, int position)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position = position;

        public readonly int Remaining => _data.Length - _position;

        public readonly bool AtEnd => _position == _data.Length;

        public byte ReadByte(string what) => Take(1, what)[0];

        public int ReadInt32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, what));

        public uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

        public float ReadSingle(string what) => BinaryPrimitives.ReadSingleLittleEndian(Take(4, what));

        public void ReadSingles(Span<float> destination, string what) =>
            MemoryMarshal.Cast<byte, float>(Take(destination.Length * sizeof(float), what)).CopyTo(destination);

        private ReadOnlySpan<byte> Take(int count, string what)
        {
            if (count > Remaining)
                throw new InvalidNetworkFileException($"The network data is truncated: it ends while reading the {what}.");
            var slice = _data.Slice(_position, count);
            _position += count;
            return slice;
        }
    }
}
