using StaticNets;

namespace StaticNets.Benchmarks.Networks;

/// <summary>DESIGN.md's mlp2: one hidden layer of 100 on a CIFAR-sized input.</summary>
[Network("FC(100)+RELU+FC(10)+SOFTMAX", Input = "3x32x32")]
public partial class Mlp2Network
{
}

/// <summary>DESIGN.md's lenet5, written with explicit layers as in its declaration example.</summary>
[Network("CONV(6,5,pad:2)+RELU+POOL(2)+CONV(16,5)+RELU+POOL(2)+FC(120)+RELU+FC(84)+RELU+FC(10)+SOFTMAX", Input = "1x28x28")]
public partial class Lenet5Network
{
}

/// <summary>DESIGN.md's cifar, written with the CS231n pattern and its Let/Defaults, as in its declaration example.</summary>
[Network("((CONV+RELU)*N+POOL)*M+(FC+RELU)*K+SOFTMAX",
         Input = "3x32x32", Classes = 10, Let = "N=2, M=3, K=1",
         Defaults = "CONV([32,64,128], 3, pad: same); POOL(2); FC(256)")]
public partial class CifarNetwork
{
}
