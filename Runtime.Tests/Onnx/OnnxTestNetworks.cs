namespace StaticNets.Runtime.Tests.Onnx;

// PReLU and batch norm on a feature vector (TestNetworks.cs has them only on images, or next to MAXOUT).
[Network("FC(8)+PRELU+BN+TANH+FC(3)+SOFTMAX", Input = "6")]
internal partial class FlatNormalizedNet
{
}

// PReLU on an image ahead of average pooling, so every slope reaches the output (in ConvRegressor a 3x3 max pool
// after ReLU usually hides the negative side).
[Network("CONV(4,3,pad:1)+PRELU+BN+AVGPOOL(2)+FC(5)+SOFTMAX", Input = "2x6x6")]
internal partial class ConvPreluNet
{
}
