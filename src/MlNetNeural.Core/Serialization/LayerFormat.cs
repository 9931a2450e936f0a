using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Serialization;

/// <summary>Rebuilds layer <paramref name="index"/> of a saved network from the fields its kind wrote.</summary>
internal delegate Layer LayerReadFunction(ref NetworkReader reader, int index);

/// <summary>
/// How one layer kind is stored in the network file: the kind byte that precedes its fields (never reused or
/// renumbered), a name for messages, and the function that reads the fields back. Each layer kind declares its
/// format next to its code; <see cref="LayerFormats"/> is the table of all of them.
/// </summary>
/// <param name="Code">The kind byte in the file.</param>
/// <param name="Name">A readable name, e.g. "dense".</param>
/// <param name="Read">Reads the layer's fields (written by <see cref="Layer.WriteFields"/>).</param>
internal sealed record LayerFormat(byte Code, string Name, LayerReadFunction Read);
