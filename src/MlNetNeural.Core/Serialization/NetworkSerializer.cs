using System.Buffers.Binary;
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
        var reader = new NetworkReader(bytes[..^Math.Min(bytes.Length, sizeof(ulong))], NetworkFormat.Magic.Length);
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

    /// <summary>Writes one layer: its kind byte, then its fields.</summary>
    internal static void WriteLayer(BinaryWriter writer, Layer layer)
    {
        writer.Write(layer.Format.Code);
        layer.WriteFields(writer);
    }

    /// <summary>Reads one layer written by <see cref="WriteLayer"/>.</summary>
    internal static Layer ReadLayer(ref NetworkReader reader, int index)
    {
        byte code = reader.ReadByte($"kind of layer {index}");
        var format = LayerFormats.Find(code)
            ?? throw new InvalidNetworkFileException($"Layer {index} has kind {code}, which this MlNetNeural does not know. Upgrade MlNetNeural to load it.");
        return format.Read(ref reader, index);
    }
}
