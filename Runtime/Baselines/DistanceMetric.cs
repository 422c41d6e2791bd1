namespace StaticNets.Baselines;

/// <summary>How <see cref="NearestNeighbor"/> measures the distance between two images (notes §2.1).</summary>
public enum DistanceMetric
{
    /// <summary>Sum over all features of |a - b| (Manhattan distance).</summary>
    L1,

    /// <summary>
    /// Sum over all features of (a - b)², the notes' formula; its square root, the Euclidean distance, ranks
    /// neighbours identically.
    /// </summary>
    L2,
}
