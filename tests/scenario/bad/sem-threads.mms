# expect: tests/scenario/bad/sem-threads.mms:125:1: error: more than 60 threads
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t0 process p1 {
}
thread t1 process p1 {
}
thread t2 process p1 {
}
thread t3 process p1 {
}
thread t4 process p1 {
}
thread t5 process p1 {
}
thread t6 process p1 {
}
thread t7 process p1 {
}
thread t8 process p1 {
}
thread t9 process p1 {
}
thread t10 process p1 {
}
thread t11 process p1 {
}
thread t12 process p1 {
}
thread t13 process p1 {
}
thread t14 process p1 {
}
thread t15 process p1 {
}
thread t16 process p1 {
}
thread t17 process p1 {
}
thread t18 process p1 {
}
thread t19 process p1 {
}
thread t20 process p1 {
}
thread t21 process p1 {
}
thread t22 process p1 {
}
thread t23 process p1 {
}
thread t24 process p1 {
}
thread t25 process p1 {
}
thread t26 process p1 {
}
thread t27 process p1 {
}
thread t28 process p1 {
}
thread t29 process p1 {
}
thread t30 process p1 {
}
thread t31 process p1 {
}
thread t32 process p1 {
}
thread t33 process p1 {
}
thread t34 process p1 {
}
thread t35 process p1 {
}
thread t36 process p1 {
}
thread t37 process p1 {
}
thread t38 process p1 {
}
thread t39 process p1 {
}
thread t40 process p1 {
}
thread t41 process p1 {
}
thread t42 process p1 {
}
thread t43 process p1 {
}
thread t44 process p1 {
}
thread t45 process p1 {
}
thread t46 process p1 {
}
thread t47 process p1 {
}
thread t48 process p1 {
}
thread t49 process p1 {
}
thread t50 process p1 {
}
thread t51 process p1 {
}
thread t52 process p1 {
}
thread t53 process p1 {
}
thread t54 process p1 {
}
thread t55 process p1 {
}
thread t56 process p1 {
}
thread t57 process p1 {
}
thread t58 process p1 {
}
thread t59 process p1 {
}
thread t60 process p1 {
}
