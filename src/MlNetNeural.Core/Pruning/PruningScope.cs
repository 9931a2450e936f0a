namespace MlNetNeural.Core.Pruning;

/// <summary>How magnitude pruning ranks weights.</summary>
public enum PruningScope
{
    /// <summary>Each pruned layer loses the same fraction of its weights, its own smallest ones.</summary>
    PerLayer = 0,
    /// <summary>One ranking over the weights of every pruned layer: layers with many small weights lose more of them.</summary>
    Global = 1,
}
